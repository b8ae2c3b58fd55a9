package dev.glassbox.core.conversation;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Conversations in this JVM's memory, for the local server. Bounded in turns and characters per
 * conversation, in conversations and in characters in all. What goes first: expired turns and
 * conversations; then a conversation's oldest turns past its own bounds (its newest turn always stays);
 * then, past the global bounds, the conversations whose last turn is oldest.
 */
public final class MemoryConversationStore implements ConversationStore {
    /** UTF-16 characters, two bytes each: 32 KB per conversation, 32 MB in all. */
    private static final long SESSION_CHARS = 16 * 1024;
    private static final int SESSIONS = 10_000;
    private static final long TOTAL_CHARS = 16L * 1024 * 1024;

    private record Kept(ConversationTurn turn, long addedAtMs) {
        long chars() {
            return turn.question().length() + turn.answer().length();
        }
    }

    private static final class Conversation {
        final ArrayDeque<Kept> turns = new ArrayDeque<>();
        long chars;
        long lastTurnAtMs;

        Conversation(long nowMs) {
            lastTurnAtMs = nowMs;
        }
    }

    private final int maxSessions;
    private final long maxSessionChars;
    private final long maxTotalChars;
    private final LongSupplier clock;
    /** In order of last turn (or start), oldest first: the head is what expires and is evicted first. */
    private final LinkedHashMap<String, Conversation> conversations = new LinkedHashMap<>();
    private long totalChars;

    public MemoryConversationStore() {
        this(SESSIONS, SESSION_CHARS, TOTAL_CHARS, System::currentTimeMillis);
    }

    public MemoryConversationStore(int maxSessions, long maxSessionChars, long maxTotalChars, LongSupplier clock) {
        this.maxSessions = maxSessions;
        this.maxSessionChars = maxSessionChars;
        this.maxTotalChars = maxTotalChars;
        this.clock = clock;
    }

    /** Only memory: never waits on I/O. */
    @Override
    public boolean mayBlock() {
        return false;
    }

    @Override
    public synchronized void open(String sessionId) {
        long now = clock.getAsLong();
        dropExpired(now);
        Conversation replaced = conversations.put(sessionId, new Conversation(now));
        if (replaced != null) {
            totalChars -= replaced.chars;
        }
        keepWithinGlobalBounds();
    }

    @Override
    public synchronized Optional<List<ConversationTurn>> turns(String sessionId) {
        long now = clock.getAsLong();
        dropExpired(now);
        Conversation conversation = conversations.get(sessionId);
        if (conversation == null) {
            return Optional.empty();
        }
        return Optional.of(conversation.turns.stream()
                .filter(kept -> now - kept.addedAtMs() < EXPIRY_MS)
                .map(Kept::turn).toList());
    }

    @Override
    public synchronized void append(String sessionId, ConversationTurn turn) {
        long now = clock.getAsLong();
        dropExpired(now);
        Conversation conversation = conversations.remove(sessionId);
        if (conversation == null) {
            return;
        }
        conversations.put(sessionId, conversation); // now the most recent
        conversation.lastTurnAtMs = now;
        Kept kept = new Kept(ConversationStore.bounded(turn), now);
        conversation.turns.addLast(kept);
        conversation.chars += kept.chars();
        totalChars += kept.chars();
        while (conversation.turns.size() > 1 && (conversation.turns.size() > MAX_TURNS
                || conversation.chars > maxSessionChars)) {
            long dropped = conversation.turns.removeFirst().chars();
            conversation.chars -= dropped;
            totalChars -= dropped;
        }
        keepWithinGlobalBounds();
    }

    /** How many conversations are kept now. */
    public synchronized int size() {
        return conversations.size();
    }

    private void dropExpired(long now) {
        Iterator<Conversation> oldestFirst = conversations.values().iterator();
        while (oldestFirst.hasNext()) {
            Conversation conversation = oldestFirst.next();
            if (now - conversation.lastTurnAtMs < EXPIRY_MS) {
                return;
            }
            totalChars -= conversation.chars;
            oldestFirst.remove();
        }
    }

    private void keepWithinGlobalBounds() {
        Iterator<Map.Entry<String, Conversation>> oldestFirst = conversations.entrySet().iterator();
        while (oldestFirst.hasNext() && (conversations.size() > maxSessions || totalChars > maxTotalChars)) {
            totalChars -= oldestFirst.next().getValue().chars;
            oldestFirst.remove();
        }
    }
}

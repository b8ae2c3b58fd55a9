package dev.glassbox.core.conversation;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.guard.ClientKey;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Conversations in this JVM's memory, for the local server. Bounded in turns and characters per
 * conversation, in conversations and in characters in all. What goes first: expired turns and
 * conversations; then a conversation's oldest turns past its own bounds (its newest turn always stays);
 * then, past the global bounds, the least recently active conversation of the client holding the most.
 * So clients that open conversation after conversation, from however many addresses, push out their
 * own before those of a visitor who holds one or two.
 */
public final class MemoryConversationStore implements ConversationStore {
    /** UTF-16 characters, two bytes each: 32 KB per conversation, 32 MB in all. */
    private static final long SESSION_CHARS = 16 * 1024;
    private static final int SESSIONS = 10_000;
    private static final long TOTAL_CHARS = 16L * 1024 * 1024;
    /** The client of conversations opened without one. */
    private static final String UNKNOWN_CLIENT = "";

    private record Kept(ConversationTurn turn, long addedAtMs) {
        long chars() {
            return turn.question().length() + turn.answer().length();
        }
    }

    private static final class Conversation {
        final Holder holder;
        final ArrayDeque<Kept> turns = new ArrayDeque<>();
        long chars;
        long lastTurnAtMs;

        Conversation(Holder holder, long nowMs) {
            this.holder = holder;
            lastTurnAtMs = nowMs;
        }
    }

    /** One client's conversations, by session id, least recently active first. */
    private static final class Holder {
        final String client;
        final LinkedHashSet<String> sessions = new LinkedHashSet<>();
        long lastActiveMs;

        Holder(String client) {
            this.client = client;
        }
    }

    /** The client holding the most first; among equals, the one idle longest. */
    private static final Comparator<Holder> MOST_FIRST = Comparator.<Holder>comparingInt(h -> -h.sessions.size())
            .thenComparingLong(h -> h.lastActiveMs).thenComparing(h -> h.client);

    private final int maxSessions;
    private final long maxSessionChars;
    private final long maxTotalChars;
    private final LongSupplier clock;
    /** In order of last turn (or start), oldest first: the head is what expires first. */
    private final LinkedHashMap<String, Conversation> conversations = new LinkedHashMap<>();
    /** The clients holding conversations, by client and in eviction order; a holder is re-sorted by leaving and re-entering. */
    private final Map<String, Holder> holders = new HashMap<>();
    private final TreeSet<Holder> byHolding = new TreeSet<>(MOST_FIRST);
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
    public void open(String sessionId) {
        open(sessionId, UNKNOWN_CLIENT);
    }

    @Override
    public synchronized void open(String sessionId, String client) {
        long now = clock.getAsLong();
        dropExpired(now);
        Conversation replaced = conversations.remove(sessionId);
        if (replaced != null) {
            release(sessionId, replaced);
        }
        Holder holder = holders.computeIfAbsent(client == null ? UNKNOWN_CLIENT : ClientKey.of(client), Holder::new);
        touch(holder, sessionId, now);
        conversations.put(sessionId, new Conversation(holder, now));
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
        touch(conversation.holder, sessionId, now);
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

    /** Makes {@code sessionId} its holder's most recently active conversation. */
    private void touch(Holder holder, String sessionId, long now) {
        byHolding.remove(holder);
        holder.sessions.remove(sessionId);
        holder.sessions.add(sessionId);
        holder.lastActiveMs = now;
        byHolding.add(holder);
    }

    /** Forgets a conversation already taken out of {@link #conversations}. */
    private void release(String sessionId, Conversation conversation) {
        totalChars -= conversation.chars;
        Holder holder = conversation.holder;
        byHolding.remove(holder);
        holder.sessions.remove(sessionId);
        if (holder.sessions.isEmpty()) {
            holders.remove(holder.client);
        } else {
            byHolding.add(holder);
        }
    }

    private void dropExpired(long now) {
        Iterator<Map.Entry<String, Conversation>> oldestFirst = conversations.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<String, Conversation> oldest = oldestFirst.next();
            if (now - oldest.getValue().lastTurnAtMs < EXPIRY_MS) {
                return;
            }
            oldestFirst.remove();
            release(oldest.getKey(), oldest.getValue());
        }
    }

    private void keepWithinGlobalBounds() {
        while (!conversations.isEmpty() && (conversations.size() > maxSessions || totalChars > maxTotalChars)) {
            String sessionId = byHolding.first().sessions.iterator().next();
            release(sessionId, conversations.remove(sessionId));
        }
    }
}

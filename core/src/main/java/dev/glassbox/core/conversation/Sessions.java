package dev.glassbox.core.conversation;

import dev.glassbox.core.agent.ConversationTurn;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Which conversation an ask continues. A session id is a bearer secret: 128 random bits the server
 * assigns and sends only to the visitor it belongs to (in {@code start}, over their own socket). An
 * ask continues a conversation only when it carries such an id that is still kept; any other id (made
 * up by a client, guessed, or expired) gets a new conversation under a new id, returned in
 * {@code start}, so nobody can read into a conversation they were not given. Resume and Bedrock
 * Agent sessions are keyed by the same ids and are protected the same way.
 */
public final class Sessions {
    private static volatile SecureRandom random = new SecureRandom();

    private final ConversationStore store;

    /** The conversation an ask belongs to and its earlier turns, oldest first. */
    public record Session(String id, List<ConversationTurn> turns) {
    }

    public Sessions(ConversationStore store) {
        this.store = store;
    }

    /**
     * Continues the conversation of {@code askedId} when the store keeps one, else starts a new one for
     * {@code client} (the asker's address).
     */
    public Session continueOrStart(String askedId, String client) {
        if (askedId != null) {
            Optional<List<ConversationTurn>> turns = store.turns(askedId);
            if (turns.isPresent()) {
                return new Session(askedId, turns.get());
            }
        }
        String id = newId();
        store.open(id, client);
        return new Session(id, List.of());
    }

    /** After a SnapStart restore every clone would share the snapshot's generator state: start a fresh one. */
    public static void reseed() {
        random = new SecureRandom();
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "s-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

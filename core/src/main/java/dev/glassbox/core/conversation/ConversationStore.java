package dev.glassbox.core.conversation;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.List;
import java.util.Optional;

/**
 * The recent turns of each conversation, so that a follow-up can be understood. In memory on the
 * local server, in DynamoDB on the cloud path; both keep the same contract:
 * <ul>
 *   <li>a conversation exists only once {@link #open opened} under a server-assigned session id, so a
 *       session id a client made up never reaches anyone's turns (see {@link Sessions});</li>
 *   <li>a turn is kept for {@link #EXPIRY_MS} after it was added, and a conversation for as long after
 *       its last turn (or its start);</li>
 *   <li>at most the newest {@link #MAX_TURNS} turns are returned, and an answer is kept cut to
 *       {@link #MAX_ANSWER_CHARS} characters.</li>
 * </ul>
 */
public interface ConversationStore {
    int MAX_TURNS = 6;
    int MAX_ANSWER_CHARS = 4_000;
    long EXPIRY_MS = 30 * 60_000;

    /** Starts an empty conversation under a new session id. */
    void open(String sessionId);

    /**
     * Starts an empty conversation for {@code client} (its address). A store that bounds how many it keeps
     * pushes out the conversations of a client holding many first; by default the client is not used.
     */
    default void open(String sessionId, String client) {
        open(sessionId);
    }

    /** The conversation's turns, oldest first; empty when none is kept under this id (never opened, or expired). */
    Optional<List<ConversationTurn>> turns(String sessionId);

    /** Adds a finished turn; ignored when no conversation is kept under this id. */
    void append(String sessionId, ConversationTurn turn);

    /**
     * Whether a call may wait on I/O (a remote store's): the pipeline then keeps turns off the event
     * loop. An in-memory store answers at once and is called where the answer runs.
     */
    default boolean mayBlock() {
        return true;
    }

    /** The turn as stored: its answer cut to {@link #MAX_ANSWER_CHARS}. */
    static ConversationTurn bounded(ConversationTurn turn) {
        String answer = turn.answer();
        if (answer.length() <= MAX_ANSWER_CHARS) {
            return turn;
        }
        int end = MAX_ANSWER_CHARS - 1;
        if (Character.isHighSurrogate(answer.charAt(end - 1))) {
            end--;
        }
        return new ConversationTurn(turn.question(), answer.substring(0, end) + "…");
    }
}

package dev.glassbox.core.protocol;

import java.util.regex.Pattern;

/** The hard limits of protocol v1; both runtimes enforce the same numbers. */
public final class ProtocolLimits {
    /** API Gateway's WebSocket frame limit; every frame we send or accept stays within it. */
    public static final int MAX_FRAME_BYTES = 32 * 1024;
    /** {@code done.text} is left out above this, so the whole event still fits one frame. */
    public static final int MAX_DONE_TEXT_BYTES = 24 * 1024;
    public static final int MAX_QUESTION_CHARS = 4_000;
    public static final int MAX_EXCERPT_CHARS = 600;
    /** A feedback comment, after trimming. */
    public static final int MAX_FEEDBACK_COMMENT_CHARS = 500;
    /** Token events carry at most this many characters, so even fully escaped text fits a frame. */
    public static final int MAX_TOKEN_EVENT_CHARS = 4_000;
    public static final Pattern ANSWER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Bedrock's session id rule, so the same id can be passed through to an agent. */
    public static final Pattern SESSION_ID = Pattern.compile("[0-9a-zA-Z._:-]{2,100}");

    private ProtocolLimits() {
    }
}

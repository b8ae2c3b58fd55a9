package dev.glassbox.core.protocol;

/** A client frame that protocol v1 rejects; becomes an {@code error} event, never a closed socket. */
public final class ProtocolException extends Exception {
    private final ErrorCode code;
    private final String answerId;

    public ProtocolException(ErrorCode code, String message, String answerId) {
        super(message, null, false, false);
        this.code = code;
        this.answerId = answerId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The {@code id} of the frame when it could be read, so the client can match the error; else null. */
    public String answerId() {
        return answerId;
    }
}

package dev.glassbox.core.agent;

import java.util.Locale;

/** Why an answer ended normally, as {@code done.stopReason}. */
public enum StopReason {
    COMPLETE,
    CANCELLED,
    MAX_TOKENS,
    GUARDRAIL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package dev.glassbox.core.protocol;

import java.util.Locale;

/** The {@code code} of an {@code error} event, as protocol v1 names it on the wire. */
public enum ErrorCode {
    BAD_REQUEST,
    TOO_LARGE,
    RATE_LIMITED,
    BUSY,
    BUDGET_EXHAUSTED,
    UPSTREAM_THROTTLED,
    UPSTREAM_ERROR,
    TIMEOUT,
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

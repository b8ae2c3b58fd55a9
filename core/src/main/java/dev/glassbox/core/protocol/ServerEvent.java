package dev.glassbox.core.protocol;

import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import java.time.LocalDate;
import java.util.List;

/** A server → client event of protocol v1, before it gets its {@code id}, {@code seq} and JSON form. */
public sealed interface ServerEvent {

    /** The wire {@code type}. */
    String type();

    record Start(String sessionId, String backend, String model) implements ServerEvent {
        public String type() {
            return "start";
        }
    }

    record Token(String text) implements ServerEvent {
        public String type() {
            return "token";
        }
    }

    /** A trace step stamped with {@code t}, milliseconds since the answer started. */
    record Trace(TraceStep step, long t) implements ServerEvent {
        public String type() {
            return "trace";
        }
    }

    record CitationEvent(Citation citation) implements ServerEvent {
        public String type() {
            return "citation";
        }
    }

    /**
     * {@code firstTokenMs} is null when no text came; {@code costUsd} is null when the price is unknown, and
     * {@code pricesAsOf} (the date that price was taken) then too.
     */
    record Done(String text, List<Citation> citations, Usage usage, Double costUsd, Long firstTokenMs,
                long totalMs, StopReason stopReason, LocalDate pricesAsOf) implements ServerEvent {
        public Done {
            citations = List.copyOf(citations);
        }

        public Done(String text, List<Citation> citations, Usage usage, Double costUsd, Long firstTokenMs,
                    long totalMs, StopReason stopReason) {
            this(text, citations, usage, costUsd, firstTokenMs, totalMs, stopReason, null);
        }

        public String type() {
            return "done";
        }
    }

    record Error(ErrorCode code, String message, boolean retryable, Long retryAfterMs) implements ServerEvent {
        public static Error of(ErrorCode code, String message) {
            return new Error(code, message, false, null);
        }

        public String type() {
            return "error";
        }
    }

    /** The visitor's feedback on the answer {@code id} is recorded (again, if it was sent before). */
    record FeedbackRecorded(String verdict) implements ServerEvent {
        public String type() {
            return "feedback";
        }
    }

    record Pong() implements ServerEvent {
        public String type() {
            return "pong";
        }
    }
}

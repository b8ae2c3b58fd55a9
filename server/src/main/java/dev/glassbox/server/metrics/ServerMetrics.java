package dev.glassbox.server.metrics;

import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.pipeline.AnswerMetrics;
import dev.glassbox.core.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** Glassbox's own Prometheus metrics, beside the Vert.x ones: sockets, asks, first-token latency, tokens, errors,
 * feedback and declined questions. */
public final class ServerMetrics implements AnswerMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger sockets = new AtomicInteger();
    private final Counter asks;
    private final Counter tokens;
    private final Timer firstToken;
    private final AtomicReferenceArray<Counter> answers = new AtomicReferenceArray<>(StopReason.values().length);
    private final AtomicReferenceArray<Counter> errors = new AtomicReferenceArray<>(ErrorCode.values().length);

    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("glassbox.websockets.open", sockets);
        this.asks = Counter.builder("glassbox.asks").description("Questions accepted").register(registry);
        this.tokens = Counter.builder("glassbox.output.tokens").description("Tokens answered").register(registry);
        this.firstToken = Timer.builder("glassbox.first.token")
                .description("Time from ask to the first answer text")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    public void socketOpened() {
        sockets.incrementAndGet();
    }

    public void socketClosed() {
        sockets.decrementAndGet();
    }

    @Override
    public void askAccepted() {
        asks.increment();
    }

    @Override
    public void firstToken(long millis) {
        firstToken.record(Duration.ofMillis(millis));
    }

    @Override
    public void answerEnded(StopReason reason, long outputTokens) {
        tokens.increment(outputTokens);
        counter(answers, reason.ordinal(), "glassbox.answers", "stop_reason", reason.wireName()).increment();
    }

    @Override
    public void error(ErrorCode code) {
        counter(errors, code.ordinal(), "glassbox.errors", "code", code.wireName()).increment();
    }

    /**
     * The counter with this one tag, looked up in the registry once: every answer ends with one, and a
     * lookup builds its id and passes it through the meter filters. Registered on first use, as before.
     */
    private Counter counter(AtomicReferenceArray<Counter> kept, int slot, String name, String tag, String value) {
        Counter counter = kept.get(slot);
        if (counter == null) {
            counter = registry.counter(name, tag, value);
            kept.set(slot, counter);
        }
        return counter;
    }

    /** {@code verdict} is validated by the protocol: up or down, so the tag stays bounded. */
    @Override
    public void feedback(String verdict) {
        registry.counter("glassbox.feedback", "verdict", verdict).increment();
    }

    @Override
    public void declined() {
        registry.counter("glassbox.declined").increment();
    }
}

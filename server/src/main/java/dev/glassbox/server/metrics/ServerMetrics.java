package dev.glassbox.server.metrics;

import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.pipeline.AnswerMetrics;
import dev.glassbox.core.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Glassbox's own Prometheus metrics, beside the Vert.x ones: sockets, asks, first-token latency, tokens, errors,
 * feedback and declined questions. */
public final class ServerMetrics implements AnswerMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger sockets = new AtomicInteger();
    private final Counter asks;
    private final Counter tokens;
    private final Timer firstToken;

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
        registry.counter("glassbox.answers", "stop_reason", reason.wireName()).increment();
    }

    @Override
    public void error(ErrorCode code) {
        registry.counter("glassbox.errors", "code", code.wireName()).increment();
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

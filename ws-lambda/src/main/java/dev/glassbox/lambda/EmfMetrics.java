package dev.glassbox.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.pipeline.AnswerMetrics;
import dev.glassbox.core.protocol.ErrorCode;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics as CloudWatch Embedded Metric Format: one JSON line on standard output per measurement,
 * which Lambda's log delivery turns into metrics in the {@code Glassbox} namespace, no API calls
 * needed. The infrastructure's dashboard and alarms read these names.
 */
public final class EmfMetrics implements AnswerMetrics {
    static final String NAMESPACE = "Glassbox";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    public EmfMetrics(PrintStream out) {
        this.out = out;
    }

    @Override
    public void firstToken(long millis) {
        emit("FirstTokenMs", millis, "Milliseconds", Map.of());
    }

    @Override
    public void answerEnded(StopReason reason, long outputTokens) {
        emit("OutputTokens", outputTokens, "Count", Map.of());
    }

    @Override
    public void error(ErrorCode code) {
        emit("Errors", 1, "Count", Map.of("Code", code.wireName()));
    }

    /** {@code verdict} is up or down (the protocol validates it), so the dimension stays bounded. */
    @Override
    public void feedback(String verdict) {
        emit("Feedback", 1, "Count", Map.of("Verdict", verdict));
    }

    @Override
    public void declined() {
        emit("Declined", 1, "Count", Map.of());
    }

    public void answerCost(double usd) {
        emit("CostUsd", usd, "None", Map.of());
    }

    public void postsPerAnswer(int posts) {
        emit("PostsPerAnswer", posts, "Count", Map.of());
    }

    private void emit(String metric, double value, String unit, Map<String, String> dimensions) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of(
                "Timestamp", System.currentTimeMillis(),
                "CloudWatchMetrics", List.of(Map.of(
                        "Namespace", NAMESPACE,
                        "Dimensions", List.of(List.copyOf(dimensions.keySet())),
                        "Metrics", List.of(Map.of("Name", metric, "Unit", unit))))));
        line.putAll(dimensions);
        line.put(metric, value);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps always serialize", e);
        }
    }
}

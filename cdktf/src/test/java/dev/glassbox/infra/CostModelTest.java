package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.lambda.EmfMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** knowledge/costs.md states the cost model's figures; this fails when either changes alone, or the stack does. */
class CostModelTest {
    private static final Path COSTS = Path.of("..", "knowledge", "costs.md");
    private final CostModel model = new CostModel();

    @Test
    void theIdleCostOfTheDefaultStackIsAtMostADollarAndTheDocumentSaysSo() throws Exception {
        JsonNode stack = Synth.stack(Map.of());
        int alarms = Synth.names(stack, "aws_cloudwatch_metric_alarm").size();
        int dashboards = Synth.names(stack, "aws_cloudwatch_dashboard").size();
        assertThat(new GlassboxStack(com.hashicorp.cdktf.Testing.app(), Main.STACK,
                InfraSettings.fromEnvironment(Synth.settings(Map.of()))).alarms()).isEqualTo(alarms);
        assertThat(stack.at("/resource/aws_apigatewayv2_stage/live/default_route_settings/detailed_metrics_enabled")
                .asBoolean()).as("per-route metrics would be custom metrics the model does not count").isFalse();
        double idle = model.idleMonthlyUsd(alarms, dashboards);
        assertThat(idle).as("the design's idle target").isLessThanOrEqualTo(1.0);
        assertThat(Files.readString(COSTS))
                .contains("the whole cloud stack costs about " + usd(idle) + " per month")
                .contains(words(alarms) + " CloudWatch alarms")
                .contains(words(dashboards) + " dashboard");
    }

    @Test
    void theCustomMetricsCountedAreTheOnesTheFunctionsPublish() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EmfMetrics metrics = new EmfMetrics(new PrintStream(out, true, StandardCharsets.UTF_8));
        metrics.firstToken(100);
        metrics.answerEnded(dev.glassbox.core.agent.StopReason.COMPLETE, 10);
        metrics.answerCost(0.001);
        metrics.postsPerAnswer(5);
        metrics.declined();
        metrics.feedback("up");
        metrics.feedback("down");
        for (ErrorCode code : ErrorCode.values()) {
            metrics.error(code);
        }
        Set<String> series = new HashSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode emf = json.readTree(line);
            String name = emf.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText();
            StringBuilder dimensions = new StringBuilder();
            emf.at("/_aws/CloudWatchMetrics/0/Dimensions/0").forEach(d -> dimensions.append(emf.path(d.asText())));
            series.add(name + "/" + dimensions);
        }
        assertThat(series).hasSize(CostModel.CUSTOM_METRICS);
        assertThat(Arrays.stream(EmfMetrics.class.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName)).as("a metric the functions publish that this test does not count")
                .containsExactlyInAnyOrder("firstToken", "answerEnded", "answerCost", "postsPerAnswer", "declined",
                        "feedback", "error");
        assertThat(Files.readString(COSTS)).contains(words(CostModel.CUSTOM_METRICS) + " custom metrics")
                .contains("at most " + usd(model.busyMonthMetricsUsd()) + " a month");
    }

    @Test
    void theCostPer1000AnswersInTheDocumentIsTheModels() throws Exception {
        String costs = Files.readString(COSTS);
        Map<String, String> models = Map.of(
                "amazon.nova-micro-v1:0", "Amazon Nova Micro",
                "amazon.nova-lite-v1:0", "Amazon Nova Lite",
                "amazon.nova-pro-v1:0", "Amazon Nova Pro",
                "anthropic.claude-3-5-haiku-20241022-v1:0", "Claude 3.5 Haiku",
                "anthropic.claude-sonnet-4-20250514-v1:0", "Claude Sonnet 4");
        models.forEach((id, name) -> assertThat(costs).contains(usd(model.per1000AnswersUsd(id)) + " with " + name));
        assertThat(costs).contains("the guardrail adds " + usd(1_000 * model.guardrailPerAnswerUsd())
                + " per 1,000 answers");
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "$%.2f", value);
    }

    private static String words(int count) {
        return new String[] {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"}[count];
    }
}

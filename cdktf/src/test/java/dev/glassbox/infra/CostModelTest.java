package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** knowledge/costs.md states the cost model's figures; this fails when either changes alone. */
class CostModelTest {
    private static final Path COSTS = Path.of("..", "knowledge", "costs.md");
    private final CostModel model = new CostModel();

    @Test
    void theIdleCostInTheDocumentIsTheModels() throws Exception {
        int alarms = new GlassboxStack(com.hashicorp.cdktf.Testing.app(), Main.STACK,
                InfraSettings.fromEnvironment(Synth.settings(Map.of()))).alarms();
        double idle = model.idleMonthlyUsd(alarms);
        assertThat(idle).as("the design's idle target").isLessThanOrEqualTo(5.0);
        assertThat(Files.readString(COSTS))
                .contains("the whole cloud stack costs about " + usd(idle) + " per month")
                .contains(words(alarms) + " CloudWatch alarms");
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
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "$%.2f", value);
    }

    private static String words(int count) {
        return new String[] {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}[count];
    }
}

package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.core.settings.SettingException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function whose answers the daily budget could not count refuses to start. */
class LambdaSettingsTest {

    @Test
    void aModelWithoutAPriceIsRefusedAtStart() {
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env("bedrock-rag", "mistral.unpriced-v9:0")))
                .hasMessageContaining("GLASSBOX_MODEL_ID 'mistral.unpriced-v9:0' has no price");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env("bedrock-agent", null)))
                .hasMessageContaining("GLASSBOX_MODEL_ID is not set");
    }

    @Test
    void aBadValueIsRefusedWithItsName() {
        Map<String, String> env = env("bedrock-rag", null);
        env.put("GLASSBOX_READ_TIMEOUT_MS", "2m");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env)).isInstanceOf(SettingException.class)
                .hasMessage("GLASSBOX_READ_TIMEOUT_MS must be a whole number from 1000 to 3600000, not '2m'.");
        env.remove("GLASSBOX_READ_TIMEOUT_MS");
        env.put("GLASSBOX_BACKEND", "bedrock");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env))
                .hasMessage("GLASSBOX_BACKEND must be bedrock-rag or bedrock-agent, not 'bedrock'.");
    }

    @Test
    void anOriginNoBrowserSendsIsRefusedAsOnTheServer() {
        Map<String, String> env = env("bedrock-rag", null);
        env.put("GLASSBOX_ALLOWED_ORIGINS", "https://glassbox.example, https://glassbox.example/page");
        assertThatThrownBy(() -> LambdaSettings.fromEnvironment(env)).isInstanceOf(SettingException.class)
                .hasMessageStartingWith("GLASSBOX_ALLOWED_ORIGINS has 'https://glassbox.example/page', which no "
                        + "browser sends");
    }

    @Test
    void crossRegionProfilesOfPricedModelsStart() {
        for (String model : new String[] {"eu.amazon.nova-lite-v1:0", "apac.amazon.nova-lite-v1:0",
                "global.anthropic.claude-sonnet-4-20250514-v1:0"}) {
            assertThat(LambdaSettings.fromEnvironment(env("bedrock-agent", model)).bedrock().modelId()).isEqualTo(model);
        }
    }

    private static Map<String, String> env(String backend, String model) {
        Map<String, String> env = new HashMap<>(Map.of(
                "GLASSBOX_BACKEND", backend,
                "GLASSBOX_CONNECTIONS_ENDPOINT", "https://abc.execute-api.eu-west-1.amazonaws.com/live",
                "GLASSBOX_WORKER_FUNCTION", "glassbox-worker"));
        if (model != null) {
            env.put("GLASSBOX_MODEL_ID", model);
        }
        return env;
    }
}

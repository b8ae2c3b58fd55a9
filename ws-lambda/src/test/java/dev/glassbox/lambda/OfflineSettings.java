package dev.glassbox.lambda;

import java.util.Map;

/** Settings whose AWS endpoints all point at a closed local port: a container that must never call out. */
final class OfflineSettings {
    private static final String NOWHERE = "http://127.0.0.1:9";

    private OfflineSettings() {
    }

    static LambdaSettings create() {
        return LambdaSettings.fromEnvironment(Map.of(
                "GLASSBOX_CONNECTIONS_ENDPOINT", NOWHERE,
                "GLASSBOX_WORKER_FUNCTION", "worker",
                "GLASSBOX_KB_ID", "KB12345678",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", NOWHERE,
                "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", NOWHERE));
    }
}

package dev.glassbox.infra;

import java.util.Map;

/** Every variant the app offers, by name, as the settings that select it (on top of {@link Synth#BASE}). */
final class Variants {
    static final Map<String, Map<String, String>> ALL = Map.of(
            "rag", Map.of("GLASSBOX_ALERT_EMAIL", "ops@example.org"),
            "agent", Map.of("GLASSBOX_AGENT_MODE", "bedrock-agent", "GLASSBOX_MODEL_ID", "us.amazon.nova-lite-v1:0"),
            "custom-domain", Map.of("GLASSBOX_DOMAIN_NAME", "ask.example.org",
                    "GLASSBOX_CERTIFICATE_ARN", "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                    "GLASSBOX_WORKER_CONCURRENCY", "5", "GLASSBOX_HANDLER_CONCURRENCY", "10"),
            "local-state", Map.of("GLASSBOX_STATE_BUCKET", "", "GLASSBOX_LOCAL_STATE", "true"));

    private Variants() {
    }
}

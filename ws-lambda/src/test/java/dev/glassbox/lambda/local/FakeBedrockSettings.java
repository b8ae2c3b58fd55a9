package dev.glassbox.lambda.local;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import java.util.HashMap;
import java.util.Map;

/** The local gateway's settings for bedrock-rag answered by the fake Bedrock. */
final class FakeBedrockSettings {
    static final String ORIGIN = "https://glassbox.example";

    private FakeBedrockSettings() {
    }

    /** bedrock-rag against {@code bedrock}, allowing {@link #ORIGIN}, with {@code more} on top. */
    static Map<String, String> of(FakeBedrock bedrock, Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "GLASSBOX_BACKEND", "bedrock-rag",
                "GLASSBOX_KB_ID", "KB12345678",
                "GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_ALLOWED_ORIGINS", ORIGIN));
        settings.putAll(more);
        return settings;
    }
}

package dev.glassbox.server.openai;

/**
 * Where the OpenAI-compatible server is and what to ask it for.
 *
 * @param baseUrl the API root including its version, e.g. {@code http://localhost:11434/v1}
 * @param apiKey sent as a bearer token when not null
 * @param readTimeoutMs the longest silence accepted while the answer streams
 * @param traceVerbose whether the full prompt may be shown in the trace
 */
public record OpenAiSettings(String baseUrl, String model, String apiKey, long readTimeoutMs, boolean traceVerbose) {

    public String chatCompletionsUrl() {
        return (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/chat/completions";
    }
}

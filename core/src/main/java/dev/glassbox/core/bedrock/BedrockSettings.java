package dev.glassbox.core.bedrock;

import java.net.URI;

/**
 * What the Bedrock backends call and how. Region and credentials come from the AWS default chains
 * (AWS_REGION, environment keys, profile, role); the endpoints are overridden only for development
 * and tests.
 *
 * @param agentId the Agents Classic agent, for {@code bedrock-agent}
 * @param agentAliasId its alias, for {@code bedrock-agent}
 * @param knowledgeBaseId the knowledge base, for {@code bedrock-rag}
 * @param modelId the model or inference profile that writes the answer, for {@code bedrock-rag}
 * @param agentRuntimeEndpoint overrides the bedrock-agent-runtime endpoint when not null
 * @param runtimeEndpoint overrides the bedrock-runtime endpoint when not null
 * @param readTimeoutMs the longest silence accepted between stream events
 * @param traceVerbose whether full prompts and raw model output may reach the browser
 * @param guardrail the guardrail {@code bedrock-rag} applies to ConverseStream, or null for none
 */
public record BedrockSettings(
        String agentId,
        String agentAliasId,
        String knowledgeBaseId,
        String modelId,
        URI agentRuntimeEndpoint,
        URI runtimeEndpoint,
        long readTimeoutMs,
        boolean traceVerbose,
        Guardrail guardrail) {

    /** A Bedrock guardrail: its id (or ARN) and version, as the stack passes them in GLASSBOX_GUARDRAIL_ID/_VERSION. */
    public record Guardrail(String id, String version) {
    }
}

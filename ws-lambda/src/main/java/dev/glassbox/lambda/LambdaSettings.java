package dev.glassbox.lambda;

import dev.glassbox.core.bedrock.BedrockAgentBackend;
import dev.glassbox.core.bedrock.BedrockSettings;
import dev.glassbox.core.cost.PriceTable;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The cloud path's settings, from the environment the infrastructure sets on both functions. A
 * setting that cannot work (a missing endpoint, a model without a price) fails the start, which
 * SnapStart turns into a failed deploy instead of failed answers.
 *
 * @param connectionsEndpoint the {@code @connections} endpoint, {@code https://API.execute-api.REGION.amazonaws.com/STAGE}
 * @param workerFunction the stream worker's name or ARN, invoked asynchronously for every question
 * @param lambdaEndpoint overrides the Lambda endpoint (the local gateway), else null
 * @param table the DynamoDB table for state; null keeps state in memory (the local gateway's default)
 * @param dynamoEndpoint overrides the DynamoDB endpoint, else null
 */
public record LambdaSettings(
        String backend,
        BedrockSettings bedrock,
        List<String> allowedOrigins,
        URI connectionsEndpoint,
        String workerFunction,
        URI lambdaEndpoint,
        String table,
        URI dynamoEndpoint,
        double dailyBudgetUsd) {

    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        String backend = env.getOrDefault("GLASSBOX_BACKEND", "bedrock-rag");
        String model = backend.equals(BedrockAgentBackend.NAME) ? env.get("GLASSBOX_MODEL_ID")
                : env.getOrDefault("GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0");
        if (!PriceTable.defaults().prices(model)) {
            // An unpriced answer adds nothing to the day's spend: the daily budget would never trip.
            throw new IllegalStateException("GLASSBOX_MODEL_ID " + (model == null ? "is not set" : "'" + model
                    + "' has no price in prices.json") + ": the daily budget could not count its answers");
        }
        long readTimeoutMs = Long.parseLong(env.getOrDefault("GLASSBOX_READ_TIMEOUT_MS", "120000"));
        BedrockSettings bedrock = new BedrockSettings(env.get("GLASSBOX_AGENT_ID"), env.get("GLASSBOX_AGENT_ALIAS_ID"),
                env.get("GLASSBOX_KB_ID"), model,
                uri(env.get("GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT")), uri(env.get("GLASSBOX_BEDROCK_RUNTIME_ENDPOINT")),
                readTimeoutMs, Boolean.parseBoolean(env.getOrDefault("GLASSBOX_TRACE_VERBOSE", "false")),
                env.get("GLASSBOX_GUARDRAIL_ID") == null ? null
                        : new BedrockSettings.Guardrail(env.get("GLASSBOX_GUARDRAIL_ID"),
                                required(env, "GLASSBOX_GUARDRAIL_VERSION")));
        return new LambdaSettings(backend, bedrock,
                Arrays.stream(env.getOrDefault("GLASSBOX_ALLOWED_ORIGINS", "").split(","))
                        .map(String::strip).filter(o -> !o.isEmpty()).toList(),
                uri(required(env, "GLASSBOX_CONNECTIONS_ENDPOINT")),
                required(env, "GLASSBOX_WORKER_FUNCTION"),
                uri(env.get("GLASSBOX_LAMBDA_ENDPOINT")),
                env.get("GLASSBOX_TABLE"),
                uri(env.get("GLASSBOX_DYNAMODB_ENDPOINT")),
                Double.parseDouble(env.getOrDefault("GLASSBOX_DAILY_BUDGET_USD", "1")));
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static URI uri(String value) {
        return value == null || value.isBlank() ? null : URI.create(value);
    }
}

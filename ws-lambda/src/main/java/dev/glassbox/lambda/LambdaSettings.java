package dev.glassbox.lambda;

import dev.glassbox.core.bedrock.BedrockAgentBackend;
import dev.glassbox.core.bedrock.BedrockRagBackend;
import dev.glassbox.core.bedrock.BedrockSettings;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.settings.SettingException;
import dev.glassbox.core.settings.Settings;
import java.net.URI;
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
 * @param reconnectGraceMs how long a running answer waits for its visitor to come back and resume
 *     after a post got 410 Gone, before it is cancelled
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
        double dailyBudgetUsd,
        long reconnectGraceMs) {

    /** The settings in {@code env}; a bad or missing one throws a {@link SettingException} naming it. */
    public static LambdaSettings fromEnvironment(Map<String, String> env) {
        Settings read = new Settings(env);
        String backend = read.oneOf("GLASSBOX_BACKEND", BedrockRagBackend.NAME,
                List.of(BedrockRagBackend.NAME, BedrockAgentBackend.NAME));
        String model = backend.equals(BedrockAgentBackend.NAME) ? read.optional("GLASSBOX_MODEL_ID")
                : read.text("GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0");
        if (!PriceTable.defaults().prices(model)) {
            // An unpriced answer adds nothing to the day's spend: the daily budget would never trip.
            throw new SettingException("GLASSBOX_MODEL_ID " + (model == null ? "is not set" : "'" + model
                    + "' has no price in prices.json") + ": the daily budget could not count its answers.");
        }
        String guardrail = read.optional("GLASSBOX_GUARDRAIL_ID");
        BedrockSettings bedrock = new BedrockSettings(read.optional("GLASSBOX_AGENT_ID"),
                read.optional("GLASSBOX_AGENT_ALIAS_ID"), read.optional("GLASSBOX_KB_ID"), model,
                read.optionalUri("GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT"),
                read.optionalUri("GLASSBOX_BEDROCK_RUNTIME_ENDPOINT"),
                read.number("GLASSBOX_READ_TIMEOUT_MS", 120_000, 1_000, 3_600_000),
                read.flag("GLASSBOX_TRACE_VERBOSE"),
                guardrail == null ? null : new BedrockSettings.Guardrail(guardrail,
                        read.required("GLASSBOX_GUARDRAIL_VERSION", "the guardrail's version, e.g. 1")));
        return new LambdaSettings(backend, bedrock, read.origins("GLASSBOX_ALLOWED_ORIGINS"),
                read.requiredUri("GLASSBOX_CONNECTIONS_ENDPOINT", "the API's @connections endpoint"),
                read.required("GLASSBOX_WORKER_FUNCTION", "the stream worker's function name"),
                read.optionalUri("GLASSBOX_LAMBDA_ENDPOINT"),
                read.optional("GLASSBOX_TABLE"),
                read.optionalUri("GLASSBOX_DYNAMODB_ENDPOINT"),
                read.positive("GLASSBOX_DAILY_BUDGET_USD", 1),
                read.number("GLASSBOX_RECONNECT_GRACE_MS", 30_000, 1, 600_000));
    }
}

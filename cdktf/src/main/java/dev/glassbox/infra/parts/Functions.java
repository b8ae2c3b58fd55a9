package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Policy.Statement;
import dev.glassbox.infra.tf.Resource;
import dev.glassbox.infra.tf.Roles;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The two Lambda functions of the cloud path (java21 on arm64, SnapStart on published versions,
 * reached through a {@code live} alias): the route handler that API Gateway calls, and the stream
 * worker it hands each question to. Both get the same environment (the settings require the same
 * variables in both), each its own log group and a role that names exactly what it touches.
 * Reserved concurrency only when configured: the stage's throttling is the default cap.
 */
public final class Functions {
    public static final String RUNTIME = "java21";
    static final String HANDLER = "dev.glassbox.lambda.RouteHandler::handleRequest";
    static final String WORKER = "dev.glassbox.lambda.StreamWorker::handleRequest";
    static final String ALIAS = "live";
    private static final int LOG_RETENTION_DAYS = 14;
    /** An answer nobody received within a minute is not worth starting: the visitor has moved on. */
    static final int WORKER_MAX_EVENT_AGE_SECONDS = 60;

    public record Aliases(Resource handler, Resource worker) {
    }

    /** What the worker answers with: a Bedrock agent alias, or a knowledge base, a model and the guardrail. */
    public record Backend(Resource agentAlias, Resource knowledgeBase, Guardrail.Versioned guardrail) {
    }

    private Functions() {
    }

    public static Aliases create(Construct scope, InfraSettings settings, Resource table,
                                 WebSocketApi.Endpoint endpoint, Backend backend, String siteOrigin) {
        LambdaCode code = LambdaCode.of(scope, settings.lambdaJar());
        String connections = endpoint.api().ref("execution_arn") + "/" + WebSocketApi.STAGE + "/*/@connections/*";
        List<String> tableArns = List.of(table.arn());
        Statement state = new Statement("State", List.of("dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"), tableArns);
        Statement post = new Statement("Connections", List.of("execute-api:ManageConnections"), List.of(connections));

        Map<String, String> environment = new HashMap<>(Map.of(
                "GLASSBOX_BACKEND", settings.agentMode().wireName(),
                "GLASSBOX_MODEL_ID", settings.modelId(),
                "GLASSBOX_TABLE", table.ref("name"),
                "GLASSBOX_CONNECTIONS_ENDPOINT", endpoint.connectionsUrl(),
                "GLASSBOX_DAILY_BUDGET_USD", String.valueOf(settings.dailyBudgetUsd()),
                "GLASSBOX_ALLOWED_ORIGINS", String.join(",", origins(settings, siteOrigin))));
        List<Statement> workerStatements = new ArrayList<>(List.of(state, post, logs(settings, "worker")));
        if (backend.agentAlias() != null) {
            environment.put("GLASSBOX_AGENT_ID", backend.agentAlias().ref("agent_id"));
            environment.put("GLASSBOX_AGENT_ALIAS_ID", backend.agentAlias().ref("agent_alias_id"));
            workerStatements.add(new Statement("Agent", List.of("bedrock:InvokeAgent"),
                    List.of(backend.agentAlias().ref("agent_alias_arn"))));
        } else {
            environment.put("GLASSBOX_KB_ID", backend.knowledgeBase().id());
            workerStatements.add(new Statement("Retrieve", List.of("bedrock:Retrieve"),
                    List.of(backend.knowledgeBase().arn())));
            workerStatements.add(new Statement("Generate", List.of("bedrock:InvokeModelWithResponseStream"),
                    Arns.model(settings, settings.modelId())));
            environment.put("GLASSBOX_GUARDRAIL_ID", backend.guardrail().guardrail().ref("guardrail_id"));
            environment.put("GLASSBOX_GUARDRAIL_VERSION", backend.guardrail().version().ref("version"));
            workerStatements.add(new Statement("Guardrail", List.of("bedrock:ApplyGuardrail"),
                    List.of(backend.guardrail().guardrail().ref("guardrail_arn"))));
        }
        // The worker's alias is known before the worker exists: its ARN is built, not referenced,
        // so that both functions can carry the same environment without a dependency cycle.
        String workerName = settings.prefix() + "-worker";
        String workerAlias = "arn:aws:lambda:" + settings.region() + ":" + Arns.ACCOUNT + ":function:" + workerName
                + ":" + ALIAS;
        environment.put("GLASSBOX_WORKER_FUNCTION", workerAlias);
        Resource worker = function(scope, settings, "worker", WORKER, 1_024, 300, settings.workerConcurrency(),
                Roles.create(scope, "worker", settings.prefix(), "lambda.amazonaws.com", workerStatements),
                environment, code);
        // The worker is invoked asynchronously: a retry would replay the Bedrock call, re-post the text and bill twice.
        Resource.of(scope, "aws_lambda_function_event_invoke_config", "worker", Map.of(
                "function_name", worker.ref("function_name"),
                "qualifier", worker.ref("name"),
                "maximum_retry_attempts", 0,
                "maximum_event_age_in_seconds", WORKER_MAX_EVENT_AGE_SECONDS));

        Resource handler = function(scope, settings, "handler", HANDLER, 512, 10, settings.handlerConcurrency(),
                Roles.create(scope, "handler", settings.prefix(), "lambda.amazonaws.com", List.of(state, post,
                        logs(settings, "handler"),
                        new Statement("HandOff", List.of("lambda:InvokeFunction"), List.of(worker.arn())))),
                environment, code);
        return new Aliases(handler, worker);
    }

    /** Origins allowed to open the WebSocket: the site, plus any configured. */
    static List<String> origins(InfraSettings settings, String siteOrigin) {
        List<String> origins = new ArrayList<>(List.of(siteOrigin));
        origins.addAll(settings.allowedOrigins());
        return origins;
    }

    private static Statement logs(InfraSettings settings, String name) {
        return new Statement("Logs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
                List.of(Arns.logGroup(settings, logGroupName(settings, name))));
    }

    private static String logGroupName(InfraSettings settings, String name) {
        return "/aws/lambda/" + settings.prefix() + "-" + name;
    }

    /** A function, its log group and its {@code live} alias on the latest published (SnapStart) version. */
    private static Resource function(Construct scope, InfraSettings settings, String name, String entryPoint,
                                     int memoryMb, int timeoutSeconds, Integer reservedConcurrency, Resource role,
                                     Map<String, String> environment, LambdaCode code) {
        Resource logGroup = Resource.of(scope, "aws_cloudwatch_log_group", name, Map.of(
                "name", logGroupName(settings, name),
                "retention_in_days", LOG_RETENTION_DAYS));
        Resource function = Resource.of(scope, "aws_lambda_function", name, Map.of(
                "function_name", settings.prefix() + "-" + name,
                "role", role.arn(),
                "runtime", RUNTIME,
                "architectures", List.of("arm64"),
                "handler", entryPoint,
                "filename", code.filename(),
                "source_code_hash", code.sha256(),
                "memory_size", memoryMb,
                "timeout", timeoutSeconds,
                "publish", true))
                .dependsOn(logGroup);
        if (reservedConcurrency != null) {
            function.set("reserved_concurrent_executions", reservedConcurrency);
        }
        function.set("snap_start", Map.of("apply_on", "PublishedVersions"));
        function.set("environment", Map.of("variables", environment));
        function.set("logging_config", Map.of("log_format", "JSON", "log_group", logGroup.ref("name")));
        return Resource.of(scope, "aws_lambda_alias", name, Map.of(
                "name", ALIAS,
                "function_name", function.ref("function_name"),
                "function_version", function.ref("version")));
    }
}

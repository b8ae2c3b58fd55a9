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
 * reached through a {@code live} alias, capped by reserved concurrency): the route handler that
 * API Gateway calls, and the stream worker it hands each question to. Each has its own log group
 * and a role that names exactly what it touches.
 */
public final class Functions {
    public static final String RUNTIME = "java21";
    static final String HANDLER = "dev.glassbox.lambda.RouteHandler::handleRequest";
    static final String WORKER = "dev.glassbox.lambda.StreamWorker::handleRequest";
    private static final int LOG_RETENTION_DAYS = 14;

    public record Aliases(Resource handler, Resource worker) {
    }

    /** What the worker answers with: a Bedrock agent alias, or a knowledge base and a model. */
    public record Backend(Resource agentAlias, Resource knowledgeBase, Resource guardrail) {
    }

    private Functions() {
    }

    public static Aliases create(Construct scope, InfraSettings settings, Resource table,
                                 WebSocketApi.Endpoint endpoint, Backend backend, String siteOrigin) {
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
            workerStatements.add(new Statement("Guardrail", List.of("bedrock:ApplyGuardrail"),
                    List.of(backend.guardrail().ref("guardrail_arn"))));
        }
        Resource worker = function(scope, settings, "worker", WORKER, 1_024, 300, settings.workerConcurrency(),
                Roles.create(scope, "worker", settings.prefix(), "lambda.amazonaws.com", workerStatements),
                environment);

        Map<String, String> handlerEnvironment = new HashMap<>(environment);
        handlerEnvironment.put("GLASSBOX_WORKER_FUNCTION", worker.arn());
        Resource handler = function(scope, settings, "handler", HANDLER, 512, 10, settings.handlerConcurrency(),
                Roles.create(scope, "handler", settings.prefix(), "lambda.amazonaws.com", List.of(state, post,
                        logs(settings, "handler"),
                        new Statement("HandOff", List.of("lambda:InvokeFunction"), List.of(worker.arn())))),
                handlerEnvironment);
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
                                     int memoryMb, int timeoutSeconds, int reservedConcurrency, Resource role,
                                     Map<String, String> environment) {
        Resource logGroup = Resource.of(scope, "aws_cloudwatch_log_group", name, Map.of(
                "name", logGroupName(settings, name),
                "retention_in_days", LOG_RETENTION_DAYS));
        Resource function = Resource.of(scope, "aws_lambda_function", name, Map.of(
                "function_name", settings.prefix() + "-" + name,
                "role", role.arn(),
                "runtime", RUNTIME,
                "architectures", List.of("arm64"),
                "handler", entryPoint,
                "filename", settings.lambdaJar(),
                "memory_size", memoryMb,
                "timeout", timeoutSeconds,
                "publish", true,
                "reserved_concurrent_executions", reservedConcurrency))
                .dependsOn(logGroup);
        function.set("snap_start", Map.of("apply_on", "PublishedVersions"));
        function.set("environment", Map.of("variables", environment));
        function.set("logging_config", Map.of("log_format", "JSON", "log_group", logGroup.ref("name")));
        return Resource.of(scope, "aws_lambda_alias", name, Map.of(
                "name", "live",
                "function_name", function.ref("function_name"),
                "function_version", function.ref("version")));
    }
}

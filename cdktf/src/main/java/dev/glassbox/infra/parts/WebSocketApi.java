package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Policy;
import dev.glassbox.infra.tf.Resource;
import java.util.Map;
import software.constructs.Construct;

/**
 * The API Gateway WebSocket API: route selection on {@code $request.body.action}, the three routes
 * to the handler, and a stage with default-route throttling and JSON access logs. AWS WAF cannot
 * protect WebSocket APIs, so the stage throttling is the outer limit.
 */
public final class WebSocketApi {
    public static final String STAGE = "live";
    static final int THROTTLING_BURST = 100;
    static final int THROTTLING_RATE = 50;

    public record Endpoint(Resource api, Resource stage) {

        /** The {@code @connections} endpoint the functions post to. */
        public String connectionsUrl() {
            return "https://" + api.id() + ".execute-api.${data.aws_region.current.region}.amazonaws.com/" + STAGE;
        }
    }

    private WebSocketApi() {
    }

    public static Endpoint create(Construct scope, InfraSettings settings) {
        Resource api = Resource.of(scope, "aws_apigatewayv2_api", "ws", Map.of(
                "name", settings.prefix() + "-ws",
                "protocol_type", "WEBSOCKET",
                "route_selection_expression", "$request.body.action"));
        Resource logs = Resource.of(scope, "aws_cloudwatch_log_group", "api_access", Map.of(
                "name", "/aws/apigateway/" + settings.prefix() + "-ws",
                "retention_in_days", 14));
        Resource pushLogs = Resource.of(scope, "aws_iam_role", "api_gateway_logs", Map.of(
                "name", settings.prefix() + "-api-gateway-logs",
                "assume_role_policy", Policy.assumedBy("apigateway.amazonaws.com")));
        Resource.of(scope, "aws_iam_role_policy_attachment", "api_gateway_logs", Map.of(
                "role", pushLogs.id(),
                "policy_arn", "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"));
        Resource account = Resource.of(scope, "aws_api_gateway_account", "logs", Map.of(
                "cloudwatch_role_arn", pushLogs.arn()));
        Resource stage = Resource.of(scope, "aws_apigatewayv2_stage", "live", Map.of(
                "api_id", api.id(),
                "name", STAGE,
                "auto_deploy", true,
                "default_route_settings", Map.of(
                        "throttling_burst_limit", THROTTLING_BURST,
                        "throttling_rate_limit", THROTTLING_RATE,
                        // per-route metrics are custom metrics at $0.30 each a month; the API's own are free
                        "detailed_metrics_enabled", false),
                "access_log_settings", Map.of(
                        "destination_arn", logs.arn(),
                        "format", Policy.write(Map.of(
                                "requestId", "$context.requestId",
                                "connectionId", "$context.connectionId",
                                "routeKey", "$context.routeKey",
                                "eventType", "$context.eventType",
                                "status", "$context.status",
                                "sourceIp", "$context.identity.sourceIp",
                                "error", "$context.error.message")))))
                .dependsOn(account);
        return new Endpoint(api, stage);
    }

    /** {@code $connect}, {@code $disconnect} and {@code $default}, all to the handler's alias. */
    public static void routeTo(Construct scope, Endpoint endpoint, Resource handlerAlias) {
        Resource integration = Resource.of(scope, "aws_apigatewayv2_integration", "handler", Map.of(
                "api_id", endpoint.api().id(),
                "integration_type", "AWS_PROXY",
                // Lambda is invoked with POST; WebSocket proxy integrations do not default to it
                "integration_method", "POST",
                "integration_uri", handlerAlias.ref("invoke_arn"),
                "content_handling_strategy", "CONVERT_TO_TEXT"));
        for (Map.Entry<String, String> route : Map.of("connect", "$connect", "disconnect", "$disconnect",
                "default", "$default").entrySet()) {
            Resource.of(scope, "aws_apigatewayv2_route", route.getKey(), Map.of(
                    "api_id", endpoint.api().id(),
                    "route_key", route.getValue(),
                    "target", "integrations/" + integration.id()));
        }
        Resource.of(scope, "aws_lambda_permission", "api_invokes_handler", Map.of(
                "statement_id", "AllowWebSocketApi",
                "action", "lambda:InvokeFunction",
                "function_name", handlerAlias.ref("function_name"),
                "qualifier", handlerAlias.ref("name"),
                "principal", "apigateway.amazonaws.com",
                "source_arn", endpoint.api().ref("execution_arn") + "/*/*"));
    }
}

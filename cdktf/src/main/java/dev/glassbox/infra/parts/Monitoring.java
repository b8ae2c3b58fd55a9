package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Policy;
import dev.glassbox.infra.tf.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.constructs.Construct;

/**
 * Alarms for what needs a person (function errors and throttles, API client and server errors, a
 * day's model spend over budget), a dashboard, and an AWS Budgets monthly budget with e-mail alerts.
 */
public final class Monitoring {
    /** The namespace the Lambda functions write their Embedded Metric Format metrics to. */
    public static final String NAMESPACE = "Glassbox";
    /** The dimension the functions' {@code Errors} metric carries. */
    static final String ERROR_DIMENSION = "Code";

    private Monitoring() {
    }

    /** Returns how many alarms were created, for the cost model. */
    public static int create(Construct scope, InfraSettings settings, Functions.Aliases functions,
                             WebSocketApi.Endpoint endpoint) {
        List<String> actions = new ArrayList<>();
        if (settings.alertEmail() != null) {
            Resource topic = Resource.of(scope, "aws_sns_topic", "alerts", Map.of("name", settings.prefix() + "-alerts"));
            Resource.of(scope, "aws_sns_topic_subscription", "alerts", Map.of(
                    "topic_arn", topic.arn(), "protocol", "email", "endpoint", settings.alertEmail()));
            actions.add(topic.arn());
        }
        int alarms = 0;
        for (Map.Entry<String, Resource> function : new TreeMap<>(Map.of(
                "handler", functions.handler(), "worker", functions.worker())).entrySet()) {
            Map<String, String> dimensions = Map.of("FunctionName", function.getValue().ref("function_name"));
            alarm(scope, settings, function.getKey() + "_errors", "AWS/Lambda", "Errors", dimensions, 300, 0,
                    actions);
            alarm(scope, settings, function.getKey() + "_throttles", "AWS/Lambda", "Throttles", dimensions, 300, 0,
                    actions);
            alarms += 2;
        }
        Map<String, String> api = Map.of("ApiId", endpoint.api().id());
        alarm(scope, settings, "api_client_errors", "AWS/ApiGateway", "ClientError", api, 300, 100, actions);
        alarm(scope, settings, "api_server_errors", "AWS/ApiGateway", "ExecutionError", api, 300, 0, actions);
        alarm(scope, settings, "daily_spend", NAMESPACE, "CostUsd", Map.of(), 86_400, settings.dailyBudgetUsd(),
                actions);
        alarms += 3;
        Resource.of(scope, "aws_cloudwatch_dashboard", "glassbox", Map.of(
                "dashboard_name", settings.prefix(),
                "dashboard_body", Policy.write(Map.of("widgets", List.of(
                        widget("First token (ms)", NAMESPACE, "FirstTokenMs", "p99", settings),
                        widget("Answer cost (USD)", NAMESPACE, "CostUsd", "Sum", settings),
                        widget("Tokens", NAMESPACE, "OutputTokens", "Sum", settings),
                        widget("Posts per answer", NAMESPACE, "PostsPerAnswer", "Average", settings),
                        errorsByCode(settings))))));
        Map<String, Object> budget = new HashMap<>(Map.of(
                "name", settings.prefix() + "-monthly",
                "budget_type", "COST",
                "limit_amount", String.valueOf(settings.monthlyBudgetUsd()),
                "limit_unit", "USD",
                "time_unit", "MONTHLY"));
        if (settings.alertEmail() != null) {
            budget.put("notification", List.of(
                    notification("ACTUAL", 80, settings.alertEmail()),
                    notification("FORECASTED", 100, settings.alertEmail())));
        }
        Resource.of(scope, "aws_budgets_budget", "monthly", budget);
        return alarms;
    }

    private static void alarm(Construct scope, InfraSettings settings, String name, String namespace, String metric,
                              Map<String, String> dimensions, int periodSeconds, double threshold,
                              List<String> actions) {
        Resource.of(scope, "aws_cloudwatch_metric_alarm", name, Map.of(
                "alarm_name", settings.prefix() + "-" + name.replace('_', '-'),
                "namespace", namespace,
                "metric_name", metric,
                "dimensions", dimensions,
                "statistic", "Sum",
                "period", periodSeconds,
                "evaluation_periods", 1,
                "threshold", threshold,
                "comparison_operator", "GreaterThanThreshold",
                "treat_missing_data", "notBreaching"))
                .set("alarm_actions", actions);
    }

    private static Map<String, Object> widget(String title, String namespace, String metric, String stat,
                                              InfraSettings settings) {
        return Map.of("type", "metric", "width", 12, "height", 6, "properties", Map.of(
                "title", title, "region", settings.region(), "stat", stat, "period", 300,
                "metrics", List.of(List.of(namespace, metric))));
    }

    /**
     * The functions publish {@code Errors} with a {@code Code} dimension (one series per error code):
     * a widget naming the metric without it shows nothing, so this one searches every code.
     */
    private static Map<String, Object> errorsByCode(InfraSettings settings) {
        String search = "SEARCH('{" + NAMESPACE + "," + ERROR_DIMENSION + "} MetricName=\"Errors\"', 'Sum', 300)";
        return Map.of("type", "metric", "width", 12, "height", 6, "properties", Map.of(
                "title", "Errors by code", "region", settings.region(), "period", 300,
                "metrics", List.of(List.of(Map.of("expression", search, "id", "errors")))));
    }

    private static Map<String, Object> notification(String type, int percent, String email) {
        return Map.of("notification_type", type, "comparison_operator", "GREATER_THAN", "threshold", percent,
                "threshold_type", "PERCENTAGE", "subscriber_email_addresses", List.of(email));
    }
}

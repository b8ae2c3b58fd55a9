package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The synthesized Terraform, default variant (bedrock-rag on S3 Vectors), resource by resource. */
class GlassboxStackTest {
    private static JsonNode stack;

    @BeforeAll
    static void synth() throws Exception {
        stack = Synth.stack(Map.of("GLASSBOX_ALERT_EMAIL", "ops@example.org"));
    }

    @Test
    void theKnowledgeLivesInAVersionedEncryptedPrivateBucketIndexedOnS3Vectors() {
        assertThat(Synth.resource(stack, "aws_s3_bucket_versioning", "knowledge").at("/versioning_configuration/status")
                .asText()).isEqualTo("Enabled");
        for (String bucket : List.of("knowledge", "site")) {
            JsonNode block = Synth.resource(stack, "aws_s3_bucket_public_access_block", bucket);
            assertThat(block.path("block_public_acls").asBoolean() && block.path("restrict_public_buckets").asBoolean()
                    && block.path("block_public_policy").asBoolean() && block.path("ignore_public_acls").asBoolean())
                    .isTrue();
            assertThat(Synth.resource(stack, "aws_s3_bucket_server_side_encryption_configuration", bucket).toString())
                    .contains("AES256");
        }
        JsonNode index = Synth.resource(stack, "aws_s3vectors_index", "knowledge");
        assertThat(index.path("dimension").asInt()).isEqualTo(1024);
        assertThat(index.at("/metadata_configuration/non_filterable_metadata_keys").toString())
                .as("chunk text and metadata must not count against the 2 KB filterable limit")
                .isEqualTo("[\"AMAZON_BEDROCK_TEXT\",\"AMAZON_BEDROCK_METADATA\"]");
        JsonNode knowledgeBase = Synth.resource(stack, "aws_bedrockagent_knowledge_base", "knowledge");
        assertThat(knowledgeBase.at("/storage_configuration/type").asText()).isEqualTo("S3_VECTORS");
        assertThat(knowledgeBase.at("/knowledge_base_configuration/vector_knowledge_base_configuration/embedding_model_arn")
                .asText()).isEqualTo("arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0");
        assertThat(Synth.resource(stack, "aws_bedrockagent_data_source", "knowledge")
                .at("/data_source_configuration/s3_configuration/bucket_arn").asText())
                .isEqualTo("${aws_s3_bucket.knowledge.arn}");
        assertThat(stack.at("/terraform/required_providers/aws/version").asText()).isEqualTo(GlassboxStack.PROVIDER_VERSION);
        assertThat(Synth.names(stack, "aws_bedrockagent_agent")).as("rag mode has no agent").isEmpty();
    }

    @Test
    void destroyEmptiesTheBucketsThatOnlyHoldWhatGitRebuilds() {
        for (String bucket : List.of("knowledge", "site")) {
            assertThat(Synth.resource(stack, "aws_s3_bucket", bucket).path("force_destroy").asBoolean()).as(bucket)
                    .isTrue();
        }
        assertThat(Synth.resource(stack, "aws_s3vectors_vector_bucket", "knowledge").path("force_destroy").asBoolean())
                .isTrue();
    }

    @Test
    void aGuardrailWithAVersionFiltersPromptAttacksAndDeniesTopics() {
        JsonNode guardrail = Synth.resource(stack, "aws_bedrock_guardrail", "answers");
        assertThat(guardrail.at("/content_policy_config/filters_config").toString()).contains("PROMPT_ATTACK");
        assertThat(guardrail.at("/topic_policy_config/topics_config/0/type").asText()).isEqualTo("DENY");
        assertThat(Synth.resource(stack, "aws_bedrock_guardrail_version", "answers").path("guardrail_arn").asText())
                .isEqualTo("${aws_bedrock_guardrail.answers.guardrail_arn}");
    }

    @Test
    void theStateTableIsOnDemandWithTtlAndPointInTimeRecovery() {
        JsonNode table = Synth.resource(stack, "aws_dynamodb_table", "state");
        assertThat(table.path("billing_mode").asText()).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.at("/ttl/enabled").asBoolean()).isTrue();
        assertThat(table.at("/ttl/attribute_name").asText()).isEqualTo("expiresAt");
        assertThat(table.at("/point_in_time_recovery/enabled").asBoolean()).isTrue();
    }

    @Test
    void bothFunctionsRunJava21OnArmWithSnapStartAnAliasAndTheirOwnLogs() {
        for (String name : List.of("handler", "worker")) {
            JsonNode function = Synth.resource(stack, "aws_lambda_function", name);
            assertThat(function.path("runtime").asText()).isEqualTo("java21");
            assertThat(function.path("architectures").toString()).isEqualTo("[\"arm64\"]");
            assertThat(function.path("publish").asBoolean()).isTrue();
            assertThat(function.at("/snap_start/apply_on").asText()).isEqualTo("PublishedVersions");
            assertThat(function.has("reserved_concurrent_executions"))
                    .as("new accounts cannot reserve concurrency: off unless configured").isFalse();
            assertThat(Synth.resource(stack, "aws_lambda_alias", name).path("function_version").asText())
                    .isEqualTo("${aws_lambda_function." + name + ".version}");
            assertThat(Synth.resource(stack, "aws_cloudwatch_log_group", name).path("retention_in_days").asInt())
                    .isEqualTo(14);
        }
        JsonNode worker = Synth.resource(stack, "aws_lambda_function", "worker").at("/environment/variables");
        assertThat(Synth.resource(stack, "aws_lambda_function", "handler").at("/environment/variables"))
                .as("LambdaSettings requires the same variables in both functions").isEqualTo(worker);
        assertThat(worker.path("GLASSBOX_WORKER_FUNCTION").asText())
                .isEqualTo("arn:aws:lambda:eu-west-1:${data.aws_caller_identity.current.account_id}:function:"
                        + "glassbox-worker:live");
        assertThat(worker.path("GLASSBOX_GUARDRAIL_ID").asText()).isEqualTo("${aws_bedrock_guardrail.answers.guardrail_id}");
        assertThat(worker.path("GLASSBOX_GUARDRAIL_VERSION").asText())
                .isEqualTo("${aws_bedrock_guardrail_version.answers.version}");
        assertThat(worker.path("GLASSBOX_BACKEND").asText()).isEqualTo("bedrock-rag");
        assertThat(worker.path("GLASSBOX_KB_ID").asText()).isEqualTo("${aws_bedrockagent_knowledge_base.knowledge.id}");
        assertThat(worker.path("GLASSBOX_ALLOWED_ORIGINS").asText())
                .isEqualTo("https://${aws_cloudfront_distribution.site.domain_name}");
    }

    @Test
    void everyApplyAfterACodeChangeShipsTheNewJar() throws Exception {
        for (String name : List.of("handler", "worker")) {
            JsonNode function = Synth.resource(stack, "aws_lambda_function", name);
            assertThat(function.path("filename").asText()).as("a path inside the synthesized stack")
                    .startsWith("assets/").endsWith(".jar");
            assertThat(function.path("source_code_hash").asText()).as("what Lambda compares with CodeSha256")
                    .isEqualTo(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                            .digest(Files.readAllBytes(Synth.standInJar()))));
        }
        Path other = Files.createTempFile("glassbox-lambda-other", ".jar");
        try {
            Files.writeString(other, "new code");
            JsonNode changed = Synth.stack(Map.of("GLASSBOX_ALERT_EMAIL", "ops@example.org",
                    "GLASSBOX_LAMBDA_JAR", other.toString()));
            assertThat(Synth.resource(changed, "aws_lambda_function", "worker").path("source_code_hash").asText())
                    .isNotEqualTo(Synth.resource(stack, "aws_lambda_function", "worker").path("source_code_hash")
                            .asText());
        } finally {
            Files.delete(other);
        }
    }

    @Test
    void theWorkerIsNeverRetriedSoAFailedAnswerIsNotReplayedOrBilledTwice() {
        JsonNode config = Synth.resource(stack, "aws_lambda_function_event_invoke_config", "worker");
        assertThat(config.path("maximum_retry_attempts").asInt()).isZero();
        assertThat(config.path("maximum_event_age_in_seconds").asInt()).isBetween(60, 300);
        assertThat(config.path("function_name").asText()).isEqualTo("${aws_lambda_alias.worker.function_name}");
        assertThat(config.path("qualifier").asText()).as("the handler invokes the alias")
                .isEqualTo("${aws_lambda_alias.worker.name}");
    }

    @Test
    void theWebSocketApiRoutesOnTheActionWithThrottlingAndAccessLogs() {
        JsonNode api = Synth.resource(stack, "aws_apigatewayv2_api", "ws");
        assertThat(api.path("protocol_type").asText()).isEqualTo("WEBSOCKET");
        assertThat(api.path("route_selection_expression").asText()).isEqualTo("$request.body.action");
        List<String> routes = new ArrayList<>();
        for (String name : Synth.names(stack, "aws_apigatewayv2_route")) {
            JsonNode route = Synth.resource(stack, "aws_apigatewayv2_route", name);
            routes.add(route.path("route_key").asText());
            assertThat(route.path("target").asText()).isEqualTo("integrations/${aws_apigatewayv2_integration.handler.id}");
        }
        assertThat(routes).containsExactlyInAnyOrder("$connect", "$disconnect", "$default");
        JsonNode integration = Synth.resource(stack, "aws_apigatewayv2_integration", "handler");
        assertThat(integration.path("integration_uri").asText()).isEqualTo("${aws_lambda_alias.handler.invoke_arn}");
        assertThat(integration.path("integration_method").asText()).isEqualTo("POST");
        JsonNode stage = Synth.resource(stack, "aws_apigatewayv2_stage", "live");
        assertThat(stage.at("/default_route_settings/throttling_burst_limit").asInt()).isEqualTo(100);
        assertThat(stage.at("/default_route_settings/throttling_rate_limit").asInt()).isEqualTo(50);
        assertThat(stage.at("/default_route_settings/detailed_metrics_enabled").asBoolean())
                .as("per-route metrics bill as custom metrics").isFalse();
        assertThat(stage.at("/access_log_settings/destination_arn").asText())
                .isEqualTo("${aws_cloudwatch_log_group.api_access.arn}");
        JsonNode permission = Synth.resource(stack, "aws_lambda_permission", "api_invokes_handler");
        assertThat(permission.path("principal").asText()).isEqualTo("apigateway.amazonaws.com");
        assertThat(permission.path("source_arn").asText()).isEqualTo("${aws_apigatewayv2_api.ws.execution_arn}/*/*");
    }

    @Test
    void theSiteIsPrivateBehindCloudFrontWithAStrictCspNamingTheWebSocket() {
        JsonNode distribution = Synth.resource(stack, "aws_cloudfront_distribution", "site");
        assertThat(distribution.at("/origin/0/origin_access_control_id").asText())
                .isEqualTo("${aws_cloudfront_origin_access_control.site.id}");
        assertThat(distribution.at("/default_cache_behavior/viewer_protocol_policy").asText())
                .isEqualTo("redirect-to-https");
        JsonNode headers = Synth.resource(stack, "aws_cloudfront_response_headers_policy", "site")
                .path("security_headers_config");
        String csp = headers.at("/content_security_policy/content_security_policy").asText();
        assertThat(csp).contains("connect-src 'self' ${aws_apigatewayv2_api.ws.api_endpoint};")
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(headers.at("/strict_transport_security/access_control_max_age_sec").asInt()).isGreaterThan(31_000_000);
        assertThat(headers.at("/frame_options/frame_option").asText()).isEqualTo("DENY");
        assertThat(headers.at("/content_type_options/override").asBoolean()).isTrue();
        assertThat(Synth.resource(stack, "aws_s3_bucket_policy", "site").path("policy").asText())
                .contains("cloudfront.amazonaws.com").contains("${aws_cloudfront_distribution.site.arn}");
        assertThat(Synth.resource(stack, "aws_s3_object", "config").path("content").asText())
                .isEqualTo("{\"webSocketUrl\":\"${aws_apigatewayv2_stage.live.invoke_url}\"}");
    }

    @Test
    void alarmsADashboardAndAMonthlyBudgetWithEmailAlerts() {
        assertThat(Synth.names(stack, "aws_cloudwatch_metric_alarm")).containsExactlyInAnyOrder(
                "handler_errors", "handler_throttles", "worker_errors", "worker_throttles",
                "api_client_errors", "api_server_errors", "daily_spend");
        assertThat(Synth.resource(stack, "aws_cloudwatch_metric_alarm", "worker_errors").path("alarm_actions").toString())
                .contains("${aws_sns_topic.alerts.arn}");
        String dashboard = Synth.resource(stack, "aws_cloudwatch_dashboard", "glassbox").path("dashboard_body").asText();
        assertThat(dashboard).contains("FirstTokenMs");
        assertThat(dashboard).as("Errors is published per Code: the widget must search that dimension")
                .contains("SEARCH('{Glassbox,Code} MetricName=\\\"Errors\\\"', 'Sum', 300)");
        JsonNode budget = Synth.resource(stack, "aws_budgets_budget", "monthly");
        assertThat(budget.path("limit_amount").asText()).isEqualTo("5.0");
        assertThat(budget.path("notification").toString()).contains("ops@example.org");
    }

    @Test
    void everyPolicyNamesItsActionsAndResources() throws Exception {
        Map<String, List<JsonNode>> policies = Synth.policies(stack);
        assertThat(policies.keySet()).containsExactlyInAnyOrder("knowledge_base", "worker", "handler");
        policies.forEach((role, statements) -> statements.forEach(statement -> {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            statement.path("Action").forEach(action -> assertThat(action.asText()).as(role)
                    .doesNotContain("*").matches("[a-z0-9-]+:[A-Za-z]+"));
            assertThat(statement.path("Resource")).as(role).isNotEmpty();
            statement.path("Resource").forEach(resource -> assertThat(resource.asText()).as(role)
                    .isNotEqualTo("*").matches("(arn:|\\$\\{).+").isNotEqualTo("arn:aws:s3:::*"));
        }));
        assertThat(statement(policies, "worker", "bedrock:Retrieve"))
                .isEqualTo("[\"${aws_bedrockagent_knowledge_base.knowledge.arn}\"]");
        assertThat(statement(policies, "worker", "bedrock:InvokeModelWithResponseStream"))
                .isEqualTo("[\"arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0\"]");
        assertThat(statement(policies, "worker", "execute-api:ManageConnections"))
                .isEqualTo("[\"${aws_apigatewayv2_api.ws.execution_arn}/live/*/@connections/*\"]");
        assertThat(statement(policies, "worker", "dynamodb:PutItem")).isEqualTo("[\"${aws_dynamodb_table.state.arn}\"]");
        assertThat(statement(policies, "handler", "lambda:InvokeFunction")).isEqualTo("[\"${aws_lambda_alias.worker.arn}\"]");
        assertThat(statement(policies, "knowledge_base", "s3:GetObject")).isEqualTo("[\"${aws_s3_bucket.knowledge.arn}/*\"]");
        assertThat(statement(policies, "knowledge_base", "s3vectors:QueryVectors"))
                .isEqualTo("[\"${aws_s3vectors_index.knowledge.index_arn}\"]");
    }

    @Test
    void theOutputsNameWhatTheDeployNeeds() {
        assertThat(stack.path("output").fieldNames()).toIterable().contains("site_url", "websocket_url",
                "knowledge_base_id", "data_source_id", "table_name");
        assertThat(stack.at("/output/websocket_url/value").asText()).isEqualTo("${aws_apigatewayv2_stage.live.invoke_url}");
    }

    static String statement(Map<String, List<JsonNode>> policies, String role, String action) {
        return policies.get(role).stream()
                .filter(s -> s.path("Action").toString().contains("\"" + action + "\""))
                .findFirst().orElseThrow(() -> new AssertionError(role + " has no " + action))
                .path("Resource").toString();
    }
}

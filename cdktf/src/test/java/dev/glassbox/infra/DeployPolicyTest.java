package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deploy role's policy ({@code cdktf/deploy-policy.json}, what the README's bootstrap grants)
 * allows every action the AWS provider calls for every resource type of every variant, and what
 * the deploy's own scripts call; and grants nothing broad: no service-wide wildcard, every resource
 * scoped to the account, the region or the name prefix where AWS allows it.
 */
class DeployPolicyTest {
    private static final Path POLICY = Path.of("deploy-policy.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the provider calls to create, read, update, tag and delete each resource type. */
    static final Map<String, List<String>> NEEDS = Map.ofEntries(
            Map.entry("aws_s3_bucket", List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket",
                    "s3:ListBucketVersions", "s3:GetBucketPolicy", "s3:GetBucketAcl", "s3:GetBucketCORS",
                    "s3:GetBucketWebsite", "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration",
                    "s3:GetBucketRequestPayment", "s3:GetBucketLogging", "s3:GetLifecycleConfiguration",
                    "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration",
                    "s3:GetBucketObjectLockConfiguration", "s3:PutBucketTagging", "s3:GetBucketTagging",
                    "s3:DeleteObject", "s3:DeleteObjectVersion")),
            Map.entry("aws_s3_bucket_versioning", List.of("s3:PutBucketVersioning", "s3:GetBucketVersioning")),
            Map.entry("aws_s3_bucket_public_access_block", List.of("s3:PutBucketPublicAccessBlock",
                    "s3:GetBucketPublicAccessBlock")),
            Map.entry("aws_s3_bucket_ownership_controls", List.of("s3:PutBucketOwnershipControls",
                    "s3:GetBucketOwnershipControls")),
            Map.entry("aws_s3_bucket_server_side_encryption_configuration", List.of("s3:PutEncryptionConfiguration",
                    "s3:GetEncryptionConfiguration")),
            Map.entry("aws_s3_bucket_policy", List.of("s3:PutBucketPolicy", "s3:GetBucketPolicy",
                    "s3:DeleteBucketPolicy")),
            Map.entry("aws_s3_object", List.of("s3:PutObject", "s3:GetObject", "s3:GetObjectTagging",
                    "s3:PutObjectTagging", "s3:DeleteObject")),
            Map.entry("aws_s3vectors_vector_bucket", List.of("s3vectors:CreateVectorBucket",
                    "s3vectors:GetVectorBucket", "s3vectors:DeleteVectorBucket", "s3vectors:ListIndexes",
                    "s3vectors:DeleteIndex", "s3vectors:ListVectors", "s3vectors:DeleteVectors",
                    "s3vectors:TagResource", "s3vectors:ListTagsForResource")),
            Map.entry("aws_s3vectors_index", List.of("s3vectors:CreateIndex", "s3vectors:GetIndex",
                    "s3vectors:DeleteIndex", "s3vectors:TagResource", "s3vectors:UntagResource",
                    "s3vectors:ListTagsForResource")),
            Map.entry("aws_bedrockagent_knowledge_base", List.of("bedrock:CreateKnowledgeBase",
                    "bedrock:GetKnowledgeBase", "bedrock:UpdateKnowledgeBase", "bedrock:DeleteKnowledgeBase",
                    "bedrock:TagResource", "bedrock:ListTagsForResource", "iam:PassRole")),
            Map.entry("aws_bedrockagent_data_source", List.of("bedrock:CreateDataSource", "bedrock:GetDataSource",
                    "bedrock:UpdateDataSource", "bedrock:DeleteDataSource")),
            Map.entry("aws_bedrock_guardrail", List.of("bedrock:CreateGuardrail", "bedrock:GetGuardrail",
                    "bedrock:UpdateGuardrail", "bedrock:DeleteGuardrail", "bedrock:TagResource",
                    "bedrock:ListTagsForResource")),
            Map.entry("aws_bedrock_guardrail_version", List.of("bedrock:CreateGuardrailVersion",
                    "bedrock:GetGuardrail", "bedrock:DeleteGuardrail")),
            Map.entry("aws_bedrockagent_agent", List.of("bedrock:CreateAgent", "bedrock:GetAgent",
                    "bedrock:UpdateAgent", "bedrock:DeleteAgent", "bedrock:PrepareAgent", "bedrock:TagResource",
                    "bedrock:ListTagsForResource", "iam:PassRole")),
            Map.entry("aws_bedrockagent_agent_knowledge_base_association", List.of(
                    "bedrock:AssociateAgentKnowledgeBase", "bedrock:GetAgentKnowledgeBase",
                    "bedrock:UpdateAgentKnowledgeBase", "bedrock:DisassociateAgentKnowledgeBase",
                    "bedrock:PrepareAgent")),
            Map.entry("aws_bedrockagent_agent_alias", List.of("bedrock:CreateAgentAlias", "bedrock:GetAgentAlias",
                    "bedrock:UpdateAgentAlias", "bedrock:DeleteAgentAlias", "bedrock:TagResource",
                    "bedrock:ListTagsForResource")),
            Map.entry("aws_iam_role", List.of("iam:CreateRole", "iam:GetRole", "iam:DeleteRole",
                    "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:ListRolePolicies",
                    "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole")),
            Map.entry("aws_iam_role_policy", List.of("iam:PutRolePolicy", "iam:GetRolePolicy",
                    "iam:DeleteRolePolicy")),
            Map.entry("aws_iam_role_policy_attachment", List.of("iam:AttachRolePolicy", "iam:DetachRolePolicy",
                    "iam:ListAttachedRolePolicies")),
            Map.entry("aws_lambda_function", List.of("lambda:CreateFunction", "lambda:GetFunction",
                    "lambda:GetFunctionConfiguration", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration",
                    "lambda:DeleteFunction", "lambda:PublishVersion", "lambda:ListVersionsByFunction",
                    "lambda:GetFunctionCodeSigningConfig", "lambda:PutFunctionConcurrency",
                    "lambda:DeleteFunctionConcurrency", "lambda:GetFunctionConcurrency", "lambda:TagResource",
                    "lambda:ListTags", "iam:PassRole")),
            Map.entry("aws_lambda_alias", List.of("lambda:CreateAlias", "lambda:GetAlias", "lambda:UpdateAlias",
                    "lambda:DeleteAlias")),
            Map.entry("aws_lambda_permission", List.of("lambda:AddPermission", "lambda:RemovePermission",
                    "lambda:GetPolicy")),
            Map.entry("aws_lambda_function_event_invoke_config", List.of("lambda:PutFunctionEventInvokeConfig",
                    "lambda:GetFunctionEventInvokeConfig", "lambda:UpdateFunctionEventInvokeConfig",
                    "lambda:DeleteFunctionEventInvokeConfig")),
            Map.entry("aws_cloudwatch_log_group", List.of("logs:CreateLogGroup", "logs:DeleteLogGroup",
                    "logs:PutRetentionPolicy", "logs:DescribeLogGroups", "logs:TagResource",
                    "logs:ListTagsForResource")),
            Map.entry("aws_apigatewayv2_api", List.of("apigateway:POST", "apigateway:GET", "apigateway:PATCH",
                    "apigateway:DELETE")),
            Map.entry("aws_apigatewayv2_stage", List.of("apigateway:POST", "apigateway:GET", "apigateway:PATCH",
                    "apigateway:DELETE")),
            Map.entry("aws_apigatewayv2_integration", List.of("apigateway:POST", "apigateway:GET",
                    "apigateway:PATCH", "apigateway:DELETE")),
            Map.entry("aws_apigatewayv2_route", List.of("apigateway:POST", "apigateway:GET", "apigateway:PATCH",
                    "apigateway:DELETE")),
            Map.entry("aws_api_gateway_account", List.of("apigateway:GET", "apigateway:PATCH", "iam:PassRole")),
            Map.entry("aws_dynamodb_table", List.of("dynamodb:CreateTable", "dynamodb:DescribeTable",
                    "dynamodb:UpdateTable", "dynamodb:DeleteTable", "dynamodb:DescribeTimeToLive",
                    "dynamodb:UpdateTimeToLive", "dynamodb:DescribeContinuousBackups",
                    "dynamodb:UpdateContinuousBackups", "dynamodb:ListTagsOfResource", "dynamodb:TagResource")),
            Map.entry("aws_cloudfront_distribution", List.of("cloudfront:CreateDistribution",
                    "cloudfront:GetDistribution", "cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution",
                    "cloudfront:TagResource", "cloudfront:ListTagsForResource")),
            Map.entry("aws_cloudfront_origin_access_control", List.of("cloudfront:CreateOriginAccessControl",
                    "cloudfront:GetOriginAccessControl", "cloudfront:UpdateOriginAccessControl",
                    "cloudfront:DeleteOriginAccessControl")),
            Map.entry("aws_cloudfront_response_headers_policy", List.of("cloudfront:CreateResponseHeadersPolicy",
                    "cloudfront:GetResponseHeadersPolicy", "cloudfront:UpdateResponseHeadersPolicy",
                    "cloudfront:DeleteResponseHeadersPolicy")),
            Map.entry("aws_cloudwatch_metric_alarm", List.of("cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms",
                    "cloudwatch:DeleteAlarms", "cloudwatch:TagResource", "cloudwatch:ListTagsForResource")),
            Map.entry("aws_cloudwatch_dashboard", List.of("cloudwatch:PutDashboard", "cloudwatch:GetDashboard",
                    "cloudwatch:DeleteDashboards")),
            Map.entry("aws_sns_topic", List.of("sns:CreateTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes",
                    "sns:DeleteTopic", "sns:TagResource", "sns:ListTagsForResource")),
            Map.entry("aws_sns_topic_subscription", List.of("sns:Subscribe", "sns:Unsubscribe",
                    "sns:GetSubscriptionAttributes")),
            Map.entry("aws_budgets_budget", List.of("budgets:ModifyBudget", "budgets:ViewBudget",
                    "budgets:TagResource", "budgets:ListTagsForResource")));

    /** What the deploy's scripts call besides Terraform: state, knowledge sync and ingestion, the page. */
    static final List<String> SCRIPTS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket",
            "bedrock:GetKnowledgeBase", "bedrock:StartIngestionJob", "bedrock:GetIngestionJob",
            "cloudfront:CreateInvalidation");

    @Test
    void thePolicyAllowsWhatEveryResourceTypeOfEveryVariantNeeds() throws Exception {
        JsonNode policy = JSON.readTree(POLICY.toFile());
        Set<String> types = new TreeSet<>();
        for (Map<String, String> variant : Variants.ALL.values()) {
            Synth.stack(variant).path("resource").fieldNames().forEachRemaining(types::add);
        }
        List<String> missing = new ArrayList<>();
        for (String type : types) {
            assertThat(NEEDS).as("what %s needs: add it here, then to the policy", type).containsKey(type);
            NEEDS.get(type).stream().filter(action -> !allows(policy, action)).map(a -> type + ": " + a)
                    .forEach(missing::add);
        }
        SCRIPTS.stream().filter(action -> !allows(policy, action)).map(a -> "scripts: " + a).forEach(missing::add);
        assertThat(missing).as("actions deploy-policy.json does not allow").isEmpty();
        assertThat(allows(policy, "iam:CreateUser")).as("a check that can say no").isFalse();
    }

    @Test
    void thePolicyGrantsNothingBroadAndFitsAnInlineRolePolicy() throws Exception {
        String text = Files.readString(POLICY);
        for (JsonNode statement : JSON.readTree(text).path("Statement")) {
            for (JsonNode action : statement.path("Action")) {
                assertThat(action.asText()).as(statement.path("Sid").asText()).doesNotEndWith(":*")
                        .isNotEqualTo("*").doesNotStartWith("iam:*");
            }
            for (JsonNode resource : statement.path("Resource")) {
                assertThat(resource.asText()).as(statement.path("Sid").asText()).isNotEqualTo("*")
                        .matches(".*(\\$\\{(PREFIX|STATE_BUCKET|ACCOUNT|REGION)}).*");
            }
        }
        String worstCase = text.replace("${PREFIX}", "a".repeat(21)).replace("${ACCOUNT}", "123456789012")
                .replace("${REGION}", "ap-southeast-2").replace("${STATE_BUCKET}", "b".repeat(63));
        assertThat(worstCase.replaceAll("\\s", "").length()).as("IAM's limit for a role's inline policies")
                .isLessThanOrEqualTo(10_240);
    }

    /** Whether any statement's actions match {@code action}, with IAM's {@code *} wildcard. */
    private static boolean allows(JsonNode policy, String action) {
        for (JsonNode statement : policy.path("Statement")) {
            for (JsonNode allowed : statement.path("Action")) {
                String regex = Pattern.quote(allowed.asText()).replace("*", "\\E.*\\Q");
                if (Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(action).matches()) {
                    return true;
                }
            }
        }
        return false;
    }
}

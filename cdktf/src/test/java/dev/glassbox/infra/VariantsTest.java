package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The other variants: agent mode, OpenSearch Serverless, remote state, a custom domain, bad settings. */
class VariantsTest {

    @Test
    void agentModeAddsTheAgentWithItsGuardrailAliasAndKnowledgeBase() throws Exception {
        JsonNode stack = Synth.stack(Map.of("GLASSBOX_AGENT_MODE", "bedrock-agent",
                "GLASSBOX_MODEL_ID", "us.amazon.nova-lite-v1:0"));
        JsonNode agent = Synth.resource(stack, "aws_bedrockagent_agent", "glassbox");
        assertThat(agent.path("foundation_model").asText()).isEqualTo("us.amazon.nova-lite-v1:0");
        assertThat(agent.path("instruction").asText().length()).isGreaterThan(40);
        assertThat(agent.at("/guardrail_configuration/0/guardrail_version").asText())
                .isEqualTo("${aws_bedrock_guardrail_version.answers.version}");
        assertThat(Synth.resource(stack, "aws_bedrockagent_agent_alias", "live").path("agent_id").asText())
                .isEqualTo("${aws_bedrockagent_agent.glassbox.agent_id}");
        assertThat(Synth.resource(stack, "aws_bedrockagent_agent_knowledge_base_association", "glassbox")
                .path("knowledge_base_state").asText()).isEqualTo("ENABLED");

        Map<String, List<JsonNode>> policies = Synth.policies(stack);
        assertThat(GlassboxStackTest.statement(policies, "agent", "bedrock:InvokeModelWithResponseStream"))
                .contains("inference-profile/us.amazon.nova-lite-v1:0")
                .contains("arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0");
        assertThat(GlassboxStackTest.statement(policies, "worker", "bedrock:InvokeAgent"))
                .isEqualTo("[\"${aws_bedrockagent_agent_alias.live.agent_alias_arn}\"]");
        assertThat(policies.get("worker").toString()).doesNotContain("bedrock:Retrieve");
        JsonNode environment = Synth.resource(stack, "aws_lambda_function", "worker").at("/environment/variables");
        assertThat(environment.path("GLASSBOX_BACKEND").asText()).isEqualTo("bedrock-agent");
        assertThat(environment.path("GLASSBOX_AGENT_ALIAS_ID").asText())
                .isEqualTo("${aws_bedrockagent_agent_alias.live.agent_alias_id}");
    }

    @Test
    void agentModeGivesTheModelThePriceTableKnowsAndNoGuardrailVariables() throws Exception {
        JsonNode environment = Synth.resource(Synth.stack(Map.of("GLASSBOX_AGENT_MODE", "bedrock-agent",
                "GLASSBOX_MODEL_ID", "eu.amazon.nova-lite-v1:0")), "aws_lambda_function", "worker")
                .at("/environment/variables");
        assertThat(environment.path("GLASSBOX_MODEL_ID").asText()).isEqualTo("eu.amazon.nova-lite-v1:0");
        assertThat(environment.has("GLASSBOX_GUARDRAIL_ID")).as("the agent applies its own guardrail").isFalse();
    }

    @Test
    void reservedConcurrencyOnlyWhenAsked() throws Exception {
        JsonNode stack = Synth.stack(Map.of("GLASSBOX_WORKER_CONCURRENCY", "5"));
        assertThat(Synth.resource(stack, "aws_lambda_function", "worker").path("reserved_concurrent_executions").asInt())
                .isEqualTo(5);
        assertThat(Synth.resource(stack, "aws_lambda_function", "handler").has("reserved_concurrent_executions"))
                .isFalse();
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of(
                "GLASSBOX_HANDLER_CONCURRENCY", "2.5")))).hasMessageContaining("GLASSBOX_HANDLER_CONCURRENCY");
    }

    @Test
    void remoteStateGoesToS3WithALockFileAndLocalStateOnlyWhenAsked() throws Exception {
        Map<String, String> noBucket = new java.util.HashMap<>(Synth.settings(Map.of()));
        noBucket.remove("GLASSBOX_STATE_BUCKET");
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(noBucket))
                .as("state on a runner is lost, and the next deploy collides with what it created")
                .hasMessageContaining("GLASSBOX_STATE_BUCKET is not set");
        noBucket.put("GLASSBOX_LOCAL_STATE", "true");
        assertThat(InfraSettings.fromEnvironment(noBucket).stateBucket()).isNull();
        JsonNode local = Synth.stack(Map.of("GLASSBOX_STATE_BUCKET", "", "GLASSBOX_LOCAL_STATE", "true"));
        assertThat(local.at("/terraform/backend/local/path").asText()).isEqualTo("terraform.glassbox.tfstate");
        JsonNode stack = Synth.stack(Map.of("GLASSBOX_STATE_BUCKET", "my-state", "GLASSBOX_STATE_KEY", "gb/state"));
        JsonNode s3 = stack.at("/terraform/backend/s3");
        assertThat(s3.path("bucket").asText()).isEqualTo("my-state");
        assertThat(s3.path("key").asText()).isEqualTo("gb/state");
        assertThat(s3.path("use_lockfile").asBoolean()).isTrue();
        assertThat(s3.path("encrypt").asBoolean()).isTrue();
    }

    @Test
    void aCustomDomainGetsItsCertificateAndBecomesTheAllowedOrigin() throws Exception {
        JsonNode stack = Synth.stack(Map.of("GLASSBOX_DOMAIN_NAME", "ask.example.org",
                "GLASSBOX_CERTIFICATE_ARN", "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                "GLASSBOX_ALLOWED_ORIGINS", "http://localhost:8080"));
        JsonNode distribution = Synth.resource(stack, "aws_cloudfront_distribution", "site");
        assertThat(distribution.path("aliases").toString()).isEqualTo("[\"ask.example.org\"]");
        assertThat(distribution.at("/viewer_certificate/acm_certificate_arn").asText()).endsWith("certificate/abc");
        assertThat(Synth.resource(stack, "aws_lambda_function", "handler")
                .at("/environment/variables/GLASSBOX_ALLOWED_ORIGINS").asText())
                .isEqualTo("https://ask.example.org,http://localhost:8080");
        assertThat(stack.at("/output/site_url/value").asText()).isEqualTo("https://ask.example.org");
    }

    @Test
    void thePageConfigNamesTheRepositoryAndWhereSourcesOpenWhenConfigured() throws Exception {
        JsonNode stack = Synth.stack(Map.of(
                "GLASSBOX_PAGE_REPOSITORY_URL", "https://github.com/owner/glassbox",
                "GLASSBOX_PAGE_SOURCES_URL", "https://github.com/owner/glassbox/blob/main/knowledge/"));
        JsonNode config = new ObjectMapper().readTree(Synth.resource(stack, "aws_s3_object", "config")
                .path("content").asText());
        assertThat(config.path("webSocketUrl").asText()).isEqualTo("${aws_apigatewayv2_stage.live.invoke_url}");
        assertThat(config.path("repositoryUrl").asText()).isEqualTo("https://github.com/owner/glassbox");
        assertThat(config.path("sourcesBaseUrl").asText())
                .isEqualTo("https://github.com/owner/glassbox/blob/main/knowledge/");
        for (String bad : List.of("javascript:alert(1)", "github.com/owner/glassbox", "ftp://example.org/k/",
                "https://user:secret@example.org/", "https://exa mple.org/")) {
            assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of(
                    "GLASSBOX_PAGE_SOURCES_URL", bad)))).as(bad).hasMessageContaining("GLASSBOX_PAGE_SOURCES_URL");
        }
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of(
                "GLASSBOX_PAGE_REPOSITORY_URL", "data:text/html,hi")))).hasMessageContaining(
                "GLASSBOX_PAGE_REPOSITORY_URL");
    }

    @Test
    void badSettingsNameTheVariable() {
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of("GLASSBOX_AGENT_MODE", "magic"))))
                .hasMessageContaining("GLASSBOX_AGENT_MODE");
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of(
                "GLASSBOX_VECTOR_STORE", "OPENSEARCH_SERVERLESS")))).as("the variant that could not deploy is gone")
                .hasMessageContaining("GLASSBOX_VECTOR_STORE must be S3_VECTORS");
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of(
                "GLASSBOX_DOMAIN_NAME", "ask.example.org")))).hasMessageContaining("GLASSBOX_CERTIFICATE_ARN");
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of(
                "GLASSBOX_MONTHLY_BUDGET_USD", "-3")))).hasMessageContaining("GLASSBOX_MONTHLY_BUDGET_USD");
        assertThatThrownBy(() -> InfraSettings.fromEnvironment(Synth.settings(Map.of(
                "GLASSBOX_MODEL_ID", "mistral.unpriced-v9:0")))).hasMessageContaining("GLASSBOX_MODEL_ID")
                .hasMessageContaining("no price");
        assertThatThrownBy(() -> Synth.stack(Map.of("GLASSBOX_LAMBDA_JAR", "/nowhere/glassbox-ws-lambda.jar")))
                .hasMessageContaining("/nowhere/glassbox-ws-lambda.jar does not exist");
    }

    @Test
    void everyGeographysInferenceProfileIsAllowedWithItsFoundationModel() throws Exception {
        for (String prefix : List.of("eu.", "apac.", "global.")) {
            JsonNode stack = Synth.stack(Map.of("GLASSBOX_MODEL_ID", prefix + "amazon.nova-lite-v1:0"));
            assertThat(GlassboxStackTest.statement(Synth.policies(stack), "worker", "bedrock:InvokeModelWithResponseStream"))
                    .as(prefix).contains("inference-profile/" + prefix + "amazon.nova-lite-v1:0")
                    .contains("arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0");
        }
    }
}

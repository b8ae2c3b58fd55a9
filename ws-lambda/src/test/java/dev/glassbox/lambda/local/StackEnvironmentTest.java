package dev.glassbox.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local gateway reads its functions' environment from a synthesized stack, as AWS would set it. */
class StackEnvironmentTest {
    private static final String STACK = """
            {"provider": {"aws": [{"region": "eu-west-1"}]},
             "data": {"aws_caller_identity": {"current": {}}},
             "resource": {
              "aws_dynamodb_table": {"state": {"name": "glassbox-state"}},
              "aws_lambda_function": {
               "handler": {"handler": "dev.glassbox.lambda.RouteHandler::handleRequest", "filename": "assets/x.jar",
                "environment": {"variables": {
                 "GLASSBOX_TABLE": "${aws_dynamodb_table.state.name}",
                 "GLASSBOX_MODEL_ID": "eu.amazon.nova-lite-v1:0",
                 "GLASSBOX_KB_ID": "${aws_bedrockagent_knowledge_base.knowledge.id}",
                 "GLASSBOX_WORKER_FUNCTION": "arn:aws:lambda:eu-west-1:${data.aws_caller_identity.current.account_id}:function:glassbox-worker:live",
                 "GLASSBOX_CONNECTIONS_ENDPOINT": "https://${aws_apigatewayv2_api.ws.id}.execute-api.${data.aws_region.current.region}.amazonaws.com/live"}}},
               "worker": {"handler": "dev.glassbox.lambda.StreamWorker::handleRequest", "filename": "assets/x.jar",
                "environment": {"variables": {"GLASSBOX_MODEL_ID": "eu.amazon.nova-lite-v1:0",
                 "GLASSBOX_GUARDRAIL_VERSION": "${aws_bedrock_guardrail_version.answers.version}"}}}}}}
            """;

    @TempDir
    Path dir;

    @Test
    void referencesBecomeTheStacksLiteralsOrValuesShapedLikeAws() throws Exception {
        Files.writeString(dir.resolve("cdk.tf.json"), STACK);
        Map<String, StackEnvironment.Function> functions = StackEnvironment.read(dir);
        Map<String, String> handler = functions.get("handler").environment();
        assertThat(functions.get("handler").handler()).isEqualTo("dev.glassbox.lambda.RouteHandler::handleRequest");
        assertThat(handler.get("GLASSBOX_TABLE")).as("the literal the stack sets").isEqualTo("glassbox-state");
        assertThat(handler.get("GLASSBOX_WORKER_FUNCTION"))
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:glassbox-worker:live");
        assertThat(handler.get("GLASSBOX_CONNECTIONS_ENDPOINT"))
                .isEqualTo("https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/live");
        assertThat(functions.get("worker").environment().get("GLASSBOX_GUARDRAIL_VERSION")).isEqualTo("1");
    }

    @Test
    void theGatewayKeepsItsOwnEndpointsAndThisMachinesSettingsWin() throws Exception {
        Files.writeString(dir.resolve("cdk.tf.json"), STACK);
        Map<String, String> env = StackEnvironment.forLocalGateway(dir, Map.of(
                "GLASSBOX_KB_ID", "LOCALKB123", "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", "http://127.0.0.1:9", "HOME", "/x"));
        assertThat(env).doesNotContainKeys("GLASSBOX_CONNECTIONS_ENDPOINT", "GLASSBOX_WORKER_FUNCTION", "GLASSBOX_TABLE",
                "HOME");
        assertThat(env).containsEntry("GLASSBOX_KB_ID", "LOCALKB123")
                .containsEntry("GLASSBOX_MODEL_ID", "eu.amazon.nova-lite-v1:0")
                .containsEntry("GLASSBOX_GUARDRAIL_VERSION", "1")
                .containsEntry("GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", "http://127.0.0.1:9");
    }

    @Test
    void anUnknownReferenceOrADisagreementFailsClearly() throws Exception {
        Files.writeString(dir.resolve("cdk.tf.json"), STACK.replace("${aws_bedrockagent_knowledge_base.knowledge.id}",
                "${aws_mystery.thing.secret_sauce}"));
        assertThatThrownBy(() -> StackEnvironment.read(dir))
                .hasMessageContaining("no plausible value for ${aws_mystery.thing.secret_sauce}");
        Files.writeString(dir.resolve("cdk.tf.json"), STACK.replaceFirst("eu.amazon.nova-lite-v1:0",
                "amazon.nova-pro-v1:0"));
        assertThatThrownBy(() -> StackEnvironment.forLocalGateway(dir, Map.of()))
                .hasMessageContaining("disagree on GLASSBOX_MODEL_ID");
        assertThatThrownBy(() -> StackEnvironment.read(dir.resolve("nowhere"))).hasMessageContaining("no synthesized stack");
    }
}

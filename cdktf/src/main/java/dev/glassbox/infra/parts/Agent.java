package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Policy.Statement;
import dev.glassbox.infra.tf.Resource;
import dev.glassbox.infra.tf.Roles;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/** Agent mode: a Bedrock Agent with the guardrail, its alias, and the knowledge base associated. */
public final class Agent {
    static final String INSTRUCTION = "You are Glassbox, an agent that answers questions about the Glassbox "
            + "project from its knowledge base. Answer only from what you retrieve, cite your sources, and say "
            + "that you do not know when the knowledge base does not answer the question.";

    private Agent() {
    }

    /** Returns the alias the worker invokes. */
    public static Resource create(Construct scope, InfraSettings settings, Knowledge.Base knowledge,
                                  Guardrail.Versioned guardrail) {
        List<Statement> statements = List.of(
                new Statement("Model", List.of("bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"),
                        Arns.model(settings, settings.modelId())),
                new Statement("Retrieve", List.of("bedrock:Retrieve"), List.of(knowledge.knowledgeBase().arn())),
                new Statement("Guardrail", List.of("bedrock:ApplyGuardrail"),
                        List.of(guardrail.guardrail().ref("guardrail_arn"))));
        Resource role = Roles.create(scope, "agent", settings.prefix(), "bedrock.amazonaws.com", statements);
        Resource agent = Resource.of(scope, "aws_bedrockagent_agent", "glassbox", Map.of(
                "agent_name", settings.prefix() + "-agent",
                "agent_resource_role_arn", role.arn(),
                "foundation_model", settings.modelId(),
                "instruction", INSTRUCTION,
                "idle_session_ttl_in_seconds", 600,
                "guardrail_configuration", List.of(Map.of(
                        "guardrail_identifier", guardrail.guardrail().ref("guardrail_id"),
                        "guardrail_version", guardrail.version().ref("version")))));
        Resource association = Resource.of(scope, "aws_bedrockagent_agent_knowledge_base_association", "glassbox",
                Map.of("agent_id", agent.ref("agent_id"),
                        "knowledge_base_id", knowledge.knowledgeBase().id(),
                        "description", "The Glassbox project's own documentation.",
                        "knowledge_base_state", "ENABLED"));
        return Resource.of(scope, "aws_bedrockagent_agent_alias", "live", Map.of(
                "agent_alias_name", "live",
                "agent_id", agent.ref("agent_id")))
                .dependsOn(association);
    }
}

package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Resource;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/** The guardrail every answer passes: prompt-attack and content filters, and topics Glassbox stays away from. */
public final class Guardrail {

    public record Versioned(Resource guardrail, Resource version) {
    }

    private Guardrail() {
    }

    public static Versioned create(Construct scope, InfraSettings settings) {
        List<Map<String, Object>> filters = List.of(
                filter("PROMPT_ATTACK", "HIGH", "NONE"),
                filter("HATE", "HIGH", "HIGH"),
                filter("INSULTS", "HIGH", "HIGH"),
                filter("SEXUAL", "HIGH", "HIGH"),
                filter("VIOLENCE", "HIGH", "HIGH"),
                filter("MISCONDUCT", "HIGH", "HIGH"));
        Resource guardrail = Resource.of(scope, "aws_bedrock_guardrail", "answers", Map.of(
                "name", settings.prefix() + "-answers",
                "description", "Keeps Glassbox's public agent on topic and safe.",
                "blocked_input_messaging", "Glassbox cannot help with that question.",
                "blocked_outputs_messaging", "Glassbox cannot give that answer.",
                "content_policy_config", Map.of("filters_config", filters),
                "topic_policy_config", Map.of("topics_config", List.of(
                        topic("Investment advice", "Recommendations about buying, selling or holding financial "
                                + "assets.", "Which stock should I buy?"),
                        topic("Medical advice", "Diagnosis or treatment recommendations for a person's health.",
                                "What medicine should I take for my headache?")))));
        Resource version = Resource.of(scope, "aws_bedrock_guardrail_version", "answers", Map.of(
                "guardrail_arn", guardrail.ref("guardrail_arn"),
                "description", "Deployed by Glassbox"));
        return new Versioned(guardrail, version);
    }

    private static Map<String, Object> filter(String type, String input, String output) {
        return Map.of("type", type, "input_strength", input, "output_strength", output);
    }

    private static Map<String, Object> topic(String name, String definition, String example) {
        return Map.of("name", name, "definition", definition, "examples", List.of(example), "type", "DENY");
    }
}

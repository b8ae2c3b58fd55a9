package dev.glassbox.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Synthesizes the stack with cdktf's Testing API for given settings, and reads the JSON back. */
final class Synth {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Synth() {
    }

    static JsonNode stack(Map<String, String> env) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("AWS_REGION", "eu-west-1"));
        settings.putAll(env);
        App app = Testing.app();
        GlassboxStack stack = new GlassboxStack(app, Main.STACK, InfraSettings.fromEnvironment(settings));
        return MAPPER.readTree(Testing.synth(stack));
    }

    static JsonNode resource(JsonNode stack, String type, String name) {
        JsonNode resource = stack.path("resource").path(type).path(name);
        if (resource.isMissingNode()) {
            throw new AssertionError("no " + type + "." + name);
        }
        return resource;
    }

    static List<String> names(JsonNode stack, String type) {
        List<String> names = new ArrayList<>();
        stack.path("resource").path(type).fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Every statement of every inline role policy, as JSON. */
    static Map<String, List<JsonNode>> policies(JsonNode stack) throws Exception {
        Map<String, List<JsonNode>> policies = new HashMap<>();
        for (String role : names(stack, "aws_iam_role_policy")) {
            JsonNode document = MAPPER.readTree(resource(stack, "aws_iam_role_policy", role).path("policy").asText());
            List<JsonNode> statements = new ArrayList<>();
            document.path("Statement").forEach(statements::add);
            policies.put(role, statements);
        }
        return policies;
    }
}

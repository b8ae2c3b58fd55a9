package dev.glassbox.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Synthesizes the stack with cdktf's Testing API for given settings, and reads the JSON back. The
 * Lambda code is a small stand-in jar unless the settings name one.
 */
final class Synth {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The settings every test starts from: a region and a state bucket (synth refuses local state). */
    static final Map<String, String> BASE = Map.of("AWS_REGION", "eu-west-1", "GLASSBOX_STATE_BUCKET", "test-state");
    private static Path standInJar;

    private Synth() {
    }

    static JsonNode stack(Map<String, String> env) throws Exception {
        App app = Testing.app();
        GlassboxStack stack = new GlassboxStack(app, Main.STACK, InfraSettings.fromEnvironment(settings(env)));
        return MAPPER.readTree(Testing.synth(stack));
    }

    /** {@link #BASE} with a stand-in Lambda jar, then {@code env} on top. */
    static Map<String, String> settings(Map<String, String> env) throws IOException {
        Map<String, String> settings = new HashMap<>(BASE);
        settings.put("GLASSBOX_LAMBDA_JAR", standInJar().toString());
        settings.putAll(env);
        return settings;
    }

    static synchronized Path standInJar() throws IOException {
        if (standInJar == null) {
            standInJar = Files.createTempFile("glassbox-lambda-stand-in", ".jar");
            standInJar.toFile().deleteOnExit();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(standInJar))) {
                zip.putNextEntry(new ZipEntry("stand-in.txt"));
                zip.write("not the real Lambda".getBytes(StandardCharsets.UTF_8));
            }
        }
        return standInJar;
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

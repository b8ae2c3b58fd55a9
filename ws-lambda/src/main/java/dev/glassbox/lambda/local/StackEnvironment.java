package dev.glassbox.lambda.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda functions of a synthesized stack ({@code cdk.tf.json}) with the handler and environment
 * AWS would give them. Terraform references ({@code ${aws_dynamodb_table.state.name}}) become the
 * literal the stack itself sets when it sets one, else a value shaped like AWS's; a reference this
 * class has no value for fails, so a new kind of reference is a decision, not a silent blank.
 */
public final class StackEnvironment {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9_.]+)}");
    /** Values shaped like AWS's for attributes only AWS knows, by attribute name. */
    private static final Map<String, String> COMPUTED = Map.of(
            "account_id", "123456789012",
            "id", "a1b2c3d4e5",
            "guardrail_id", "gr1a2b3c4d5e",
            "version", "1",
            "agent_id", "AGENT12345",
            "agent_alias_id", "ALIAS12345",
            "domain_name", "d111111abcdef8.cloudfront.net");
    /** What the local gateway provides itself, so the stack's values for them are dropped. */
    private static final List<String> LOCAL = List.of("GLASSBOX_CONNECTIONS_ENDPOINT", "GLASSBOX_WORKER_FUNCTION",
            "GLASSBOX_LAMBDA_ENDPOINT", "GLASSBOX_TABLE");

    /** One function: its Lambda handler ({@code Class::method}), code path and environment. */
    public record Function(String name, String handler, String filename, Map<String, String> environment) {
    }

    private StackEnvironment() {
    }

    /**
     * The functions of the stack in {@code dir}: a folder holding {@code cdk.tf.json}, or a cdktf output
     * folder holding {@code stacks/glassbox/cdk.tf.json}. Keyed by resource name ({@code handler}, {@code worker}).
     */
    public static Map<String, Function> read(Path dir) throws IOException {
        Path file = Files.isRegularFile(dir.resolve("cdk.tf.json")) ? dir.resolve("cdk.tf.json")
                : dir.resolve("stacks/glassbox/cdk.tf.json");
        if (!Files.isRegularFile(file)) {
            throw new IOException("no synthesized stack in " + dir.toAbsolutePath()
                    + " (expected cdk.tf.json or stacks/glassbox/cdk.tf.json)");
        }
        JsonNode stack = JSON.readTree(file.toFile());
        Map<String, Function> functions = new TreeMap<>();
        var entries = stack.path("resource").path("aws_lambda_function").fields();
        while (entries.hasNext()) {
            var entry = entries.next();
            JsonNode function = entry.getValue();
            Map<String, String> environment = new TreeMap<>();
            function.at("/environment/variables").fields().forEachRemaining(variable ->
                    environment.put(variable.getKey(), resolve(stack, variable.getValue().asText())));
            functions.put(entry.getKey(), new Function(entry.getKey(), function.path("handler").asText(),
                    function.path("filename").asText(), environment));
        }
        if (functions.isEmpty()) {
            throw new IOException(file + " has no aws_lambda_function");
        }
        return functions;
    }

    /**
     * The environment for the local gateway's one container: the stack's functions' variables
     * (which must agree where they overlap), without what the gateway provides itself, with this
     * machine's {@code GLASSBOX_*} settings (the fake Bedrock's endpoints, say) on top.
     */
    public static Map<String, String> forLocalGateway(Path dir, Map<String, String> machine) throws IOException {
        Map<String, String> merged = new TreeMap<>();
        for (Function function : read(dir).values()) {
            function.environment().forEach((name, value) -> {
                String earlier = merged.putIfAbsent(name, value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new IllegalArgumentException("the stack's functions disagree on " + name + ": '" + earlier
                            + "' and '" + value + "'");
                }
            });
        }
        LOCAL.forEach(merged::remove);
        machine.forEach((name, value) -> {
            if (name.startsWith("GLASSBOX_")) {
                merged.put(name, value);
            }
        });
        return merged;
    }

    /** {@code value} with every reference replaced. */
    static String resolve(JsonNode stack, String value) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(resolved, Matcher.quoteReplacement(valueOf(stack, reference.group(1))));
        }
        reference.appendTail(resolved);
        if (resolved.indexOf("${") >= 0) {
            throw new IllegalArgumentException("an expression this reader does not understand: " + value);
        }
        return resolved.toString();
    }

    private static String valueOf(JsonNode stack, String address) {
        String[] parts = address.split("\\.");
        boolean data = parts[0].equals("data");
        int at = data ? 1 : 0;
        if (parts.length != at + 3) {
            throw new IllegalArgumentException("not a resource attribute: ${" + address + "}");
        }
        String attribute = parts[at + 2];
        if (data && parts[1].equals("aws_region")) {
            return stack.at("/provider/aws/0/region").asText(stack.at("/provider/aws/region").asText());
        }
        JsonNode literal = stack.path(data ? "data" : "resource").path(parts[at]).path(parts[at + 1]).path(attribute);
        if (literal.isValueNode() && !literal.asText().contains("${")) {
            return literal.asText();
        }
        String computed = COMPUTED.get(attribute);
        if (computed == null) {
            throw new IllegalArgumentException("no plausible value for ${" + address + "}: add one to StackEnvironment");
        }
        return computed;
    }
}

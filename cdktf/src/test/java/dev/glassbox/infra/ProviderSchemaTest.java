package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every variant against the AWS provider's schema, offline: each resource and data source type
 * exists, each argument and block it sets exists and is settable, each required argument is set,
 * and each attribute a reference reads exists. The schema is {@code cdktf/provider-schema.json},
 * extracted from the provider 6.66 bindings by {@code cdktf/schema/refresh.sh}.
 */
class ProviderSchemaTest {
    /** Terraform's own keys in a resource, and cdktf's metadata key. */
    private static final Set<String> META = Set.of("//", "depends_on", "lifecycle", "provider", "count", "for_each");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{((?:data\\.)?[a-z0-9_]+)\\.[a-z0-9_]+\\.([a-z0-9_]+)");
    private static JsonNode schema;

    @BeforeAll
    static void read() throws Exception {
        schema = new ObjectMapper().readTree(Path.of("provider-schema.json").toFile());
    }

    @Test
    void theSchemaIsTheLockedProviderLine() {
        assertThat(schema.path("provider").asText()).isEqualTo("hashicorp/aws 6.66.0");
        assertThat(GlassboxStack.PROVIDER_VERSION).isEqualTo("~> 6.66");
    }

    @Test
    void everyVariantUsesOnlyWhatTheProviderHas() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> variant : Variants.ALL.entrySet()) {
            JsonNode stack = Synth.stack(variant.getValue());
            for (String section : List.of("resource", "data")) {
                stack.path(section).fields().forEachRemaining(type -> {
                    String key = (section.equals("data") ? "data." : "") + type.getKey();
                    JsonNode typeSchema = schema.path("types").path(key);
                    if (typeSchema.isMissingNode()) {
                        problems.add(variant.getKey() + ": no type " + key + " (refresh.sh " + key + ")");
                        return;
                    }
                    type.getValue().fields().forEachRemaining(resource -> check(variant.getKey() + ": " + key + "."
                            + resource.getKey(), resource.getValue(), typeSchema, problems));
                });
            }
            Matcher reference = REFERENCE.matcher(stack.toString());
            while (reference.find()) {
                JsonNode typeSchema = schema.path("types").path(reference.group(1));
                String attribute = reference.group(2);
                if (!typeSchema.path("attributes").has(attribute) && !typeSchema.path("blocks").has(attribute)) {
                    problems.add(variant.getKey() + ": " + reference.group() + "}: " + reference.group(1)
                            + " has no attribute " + attribute);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckFindsWhatTheProviderLacks() {
        List<String> problems = new ArrayList<>();
        JsonNode index = schema.path("types").path("aws_s3vectors_index");
        ObjectMapper json = new ObjectMapper();
        check("index", json.valueToTree(Map.of("vector_bucket_name", "b", "index_name", "i", "data_type", "float32",
                "dimension", 3, "distance_metric", "cosine", "non_filterable_metadata_keys", List.of("x"))),
                index, problems);
        check("index", json.valueToTree(Map.of("index_name", "i", "index_arn", "a")), index, problems);
        assertThat(problems).containsExactlyInAnyOrder(
                "index: no argument or block non_filterable_metadata_keys",
                "index: index_arn is computed, not an argument",
                "index: required vector_bucket_name is missing",
                "index: required data_type is missing",
                "index: required dimension is missing",
                "index: required distance_metric is missing");
    }

    /** Checks one resource body, or one block's body, against its schema. */
    private static void check(String where, JsonNode body, JsonNode typeSchema, List<String> problems) {
        JsonNode attributes = typeSchema.path("attributes");
        JsonNode blocks = typeSchema.path("blocks");
        body.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (META.contains(name)) {
                return;
            }
            if (blocks.has(name)) {
                JsonNode value = field.getValue();
                for (JsonNode block : value.isArray() ? value : List.of(value)) {
                    check(where + "." + name, block, blocks.path(name), problems);
                }
            } else if (!attributes.has(name)) {
                problems.add(where + ": no argument or block " + name);
            } else if (attributes.path(name).asText().equals("computed")) {
                problems.add(where + ": " + name + " is computed, not an argument");
            }
        });
        attributes.fields().forEachRemaining(attribute -> {
            if (attribute.getValue().asText().equals("required") && !body.has(attribute.getKey())) {
                problems.add(where + ": required " + attribute.getKey() + " is missing");
            }
        });
    }
}

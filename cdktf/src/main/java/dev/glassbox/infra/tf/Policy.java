package dev.glassbox.infra.tf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM policy documents as JSON strings. Resources may hold Terraform interpolations; Terraform fills
 * them in when it reads the string.
 */
public final class Policy {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One Allow statement: these actions on these resources. */
    public record Statement(String sid, List<String> actions, List<String> resources) {
    }

    private Policy() {
    }

    public static String document(List<Statement> statements) {
        List<Map<String, Object>> json = statements.stream().map(s -> {
            Map<String, Object> statement = new LinkedHashMap<>();
            statement.put("Sid", s.sid());
            statement.put("Effect", "Allow");
            statement.put("Action", s.actions());
            statement.put("Resource", s.resources());
            return statement;
        }).toList();
        return write(Map.of("Version", "2012-10-17", "Statement", json));
    }

    /** A trust policy letting one AWS service assume the role. */
    public static String assumedBy(String service) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow", "Principal", Map.of("Service", service), "Action", "sts:AssumeRole"))));
    }

    public static String write(Object json) {
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps and lists always serialize", e);
        }
    }
}

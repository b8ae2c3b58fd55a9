package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Resource;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/** The one DynamoDB table of the cloud path: on demand, every item expiring, recoverable to any point. */
public final class StateTable {
    public static final String TTL_ATTRIBUTE = "expiresAt";

    private StateTable() {
    }

    public static Resource create(Construct scope, InfraSettings settings) {
        return Resource.of(scope, "aws_dynamodb_table", "state", Map.of(
                "name", settings.prefix() + "-state",
                "billing_mode", "PAY_PER_REQUEST",
                "hash_key", "pk",
                "range_key", "sk",
                "attribute", List.of(Map.of("name", "pk", "type", "S"), Map.of("name", "sk", "type", "S")),
                "ttl", Map.of("attribute_name", TTL_ATTRIBUTE, "enabled", true),
                "point_in_time_recovery", Map.of("enabled", true)));
    }
}

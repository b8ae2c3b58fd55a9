package dev.glassbox.infra.tf;

import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/** An IAM role for one service with one inline policy, named after what it is for. */
public final class Roles {

    private Roles() {
    }

    public static Resource create(Construct scope, String name, String prefix, String service,
                                  List<Policy.Statement> statements) {
        Resource role = Resource.of(scope, "aws_iam_role", name, Map.of(
                "name", prefix + "-" + name.replace('_', '-'),
                "assume_role_policy", Policy.assumedBy(service)));
        Resource.of(scope, "aws_iam_role_policy", name, Map.of(
                "name", prefix + "-" + name.replace('_', '-'),
                "role", role.id(),
                "policy", Policy.document(statements)));
        return role;
    }
}

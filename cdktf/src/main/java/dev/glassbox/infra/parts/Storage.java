package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Resource;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The private, encrypted S3 buckets: the knowledge files (versioned) and the site. Both hold only
 * what git rebuilds, so destroy empties them ({@code force_destroy}) instead of failing.
 */
public final class Storage {

    public record Buckets(Resource knowledge, Resource site) {
    }

    private Storage() {
    }

    public static Buckets create(Construct scope, InfraSettings settings) {
        Resource knowledge = privateBucket(scope, "knowledge", settings.prefix() + "-knowledge-");
        Resource.of(scope, "aws_s3_bucket_versioning", "knowledge", Map.of(
                "bucket", knowledge.id(),
                "versioning_configuration", Map.of("status", "Enabled")));
        Resource site = privateBucket(scope, "site", settings.prefix() + "-site-");
        return new Buckets(knowledge, site);
    }

    private static Resource privateBucket(Construct scope, String name, String prefix) {
        Resource bucket = Resource.of(scope, "aws_s3_bucket", name, Map.of("bucket_prefix", prefix,
                "force_destroy", true));
        Resource.of(scope, "aws_s3_bucket_public_access_block", name, Map.of(
                "bucket", bucket.id(),
                "block_public_acls", true,
                "block_public_policy", true,
                "ignore_public_acls", true,
                "restrict_public_buckets", true));
        Resource.of(scope, "aws_s3_bucket_ownership_controls", name, Map.of(
                "bucket", bucket.id(),
                "rule", Map.of("object_ownership", "BucketOwnerEnforced")));
        Resource.of(scope, "aws_s3_bucket_server_side_encryption_configuration", name, Map.of(
                "bucket", bucket.id(),
                "rule", List.of(Map.of("apply_server_side_encryption_by_default",
                        Map.of("sse_algorithm", "AES256")))));
        return bucket;
    }
}

package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Policy.Statement;
import dev.glassbox.infra.tf.Resource;
import dev.glassbox.infra.tf.Roles;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The Bedrock knowledge base over the knowledge bucket, embedded with Titan Text Embeddings V2, on
 * S3 Vectors (nothing bills while idle).
 */
public final class Knowledge {
    static final int DIMENSIONS = 1024;
    private static final String INDEX = "glassbox-knowledge";
    /**
     * Bedrock stores each chunk's text and metadata under these keys; as filterable metadata they
     * would count against the 2 KB limit and reject long chunks at ingestion. Adding them later
     * replaces the index, so they are set from the start (as Bedrock's quick-create does).
     */
    static final List<String> NON_FILTERABLE_KEYS = List.of("AMAZON_BEDROCK_TEXT", "AMAZON_BEDROCK_METADATA");

    public record Base(Resource knowledgeBase, Resource dataSource) {
    }

    private Knowledge() {
    }

    public static Base create(Construct scope, InfraSettings settings, Resource bucket) {
        String embeddingModel = "arn:aws:bedrock:" + settings.region() + "::foundation-model/"
                + settings.embeddingModelId();
        Resource vectors = Resource.of(scope, "aws_s3vectors_vector_bucket", "knowledge", Map.of(
                "vector_bucket_name", settings.prefix() + "-vectors",
                "force_destroy", true));
        Resource index = Resource.of(scope, "aws_s3vectors_index", "knowledge", Map.of(
                "vector_bucket_name", vectors.ref("vector_bucket_name"),
                "index_name", INDEX,
                "data_type", "float32",
                "dimension", DIMENSIONS,
                "distance_metric", "cosine",
                "metadata_configuration", Map.of("non_filterable_metadata_keys", NON_FILTERABLE_KEYS)));
        List<Statement> statements = List.of(
                new Statement("Embed", List.of("bedrock:InvokeModel"), List.of(embeddingModel)),
                new Statement("ListKnowledge", List.of("s3:ListBucket"), List.of(bucket.arn())),
                new Statement("ReadKnowledge", List.of("s3:GetObject"), List.of(bucket.arn() + "/*")),
                new Statement("Vectors", List.of("s3vectors:GetIndex", "s3vectors:QueryVectors",
                        "s3vectors:PutVectors", "s3vectors:GetVectors", "s3vectors:DeleteVectors"),
                        List.of(index.ref("index_arn"))));
        Resource role = Roles.create(scope, "knowledge_base", settings.prefix(), "bedrock.amazonaws.com", statements);
        Resource knowledgeBase = Resource.of(scope, "aws_bedrockagent_knowledge_base", "knowledge", Map.of(
                "name", settings.prefix() + "-knowledge",
                "role_arn", role.arn(),
                "knowledge_base_configuration", Map.of(
                        "type", "VECTOR",
                        "vector_knowledge_base_configuration", Map.of("embedding_model_arn", embeddingModel)),
                "storage_configuration", Map.of("type", "S3_VECTORS",
                        "s3_vectors_configuration", Map.of("index_arn", index.ref("index_arn")))))
                .dependsOn(index);
        Resource dataSource = Resource.of(scope, "aws_bedrockagent_data_source", "knowledge", Map.of(
                "knowledge_base_id", knowledgeBase.id(),
                "name", settings.prefix() + "-knowledge-files",
                "data_source_configuration", Map.of(
                        "type", "S3",
                        "s3_configuration", Map.of("bucket_arn", bucket.arn(), "inclusion_prefixes",
                                List.of("knowledge/")))));
        return new Base(knowledgeBase, dataSource);
    }
}

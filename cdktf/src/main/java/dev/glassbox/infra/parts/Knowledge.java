package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Policy;
import dev.glassbox.infra.tf.Policy.Statement;
import dev.glassbox.infra.tf.Resource;
import dev.glassbox.infra.tf.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The Bedrock knowledge base over the knowledge bucket, embedded with Titan Text Embeddings V2, on
 * S3 Vectors (nothing bills while idle) or, in the other variant, an OpenSearch Serverless collection.
 */
public final class Knowledge {
    static final int DIMENSIONS = 1024;
    private static final String INDEX = "glassbox-knowledge";

    public record Base(Resource knowledgeBase, Resource dataSource) {
    }

    private Knowledge() {
    }

    public static Base create(Construct scope, InfraSettings settings, Resource bucket) {
        String embeddingModel = "arn:aws:bedrock:" + settings.region() + "::foundation-model/"
                + settings.embeddingModelId();
        List<Statement> statements = new ArrayList<>(List.of(
                new Statement("Embed", List.of("bedrock:InvokeModel"), List.of(embeddingModel)),
                new Statement("ListKnowledge", List.of("s3:ListBucket"), List.of(bucket.arn())),
                new Statement("ReadKnowledge", List.of("s3:GetObject"), List.of(bucket.arn() + "/*"))));
        Map<String, Object> storage;
        List<Resource> storageResources = new ArrayList<>();
        if (settings.vectorStore() == InfraSettings.VectorStore.S3_VECTORS) {
            Resource vectors = Resource.of(scope, "aws_s3vectors_vector_bucket", "knowledge", Map.of(
                    "vector_bucket_name", settings.prefix() + "-vectors"));
            Resource index = Resource.of(scope, "aws_s3vectors_index", "knowledge", Map.of(
                    "vector_bucket_name", vectors.ref("vector_bucket_name"),
                    "index_name", INDEX,
                    "data_type", "float32",
                    "dimension", DIMENSIONS,
                    "distance_metric", "cosine"));
            statements.add(new Statement("Vectors", List.of("s3vectors:GetIndex", "s3vectors:QueryVectors",
                    "s3vectors:PutVectors", "s3vectors:GetVectors", "s3vectors:DeleteVectors"),
                    List.of(index.ref("index_arn"))));
            storage = Map.of("type", "S3_VECTORS", "s3_vectors_configuration", Map.of("index_arn", index.ref("index_arn")));
            storageResources.add(index);
        } else {
            Resource collection = openSearch(scope, settings);
            statements.add(new Statement("Collection", List.of("aoss:APIAccessAll"), List.of(collection.arn())));
            storage = Map.of("type", "OPENSEARCH_SERVERLESS", "opensearch_serverless_configuration", Map.of(
                    "collection_arn", collection.arn(),
                    "vector_index_name", INDEX,
                    "field_mapping", Map.of(
                            "vector_field", "embedding",
                            "text_field", "AMAZON_BEDROCK_TEXT_CHUNK",
                            "metadata_field", "AMAZON_BEDROCK_METADATA")));
            storageResources.add(collection);
        }
        Resource role = Roles.create(scope, "knowledge_base", settings.prefix(), "bedrock.amazonaws.com", statements);
        Resource knowledgeBase = Resource.of(scope, "aws_bedrockagent_knowledge_base", "knowledge", Map.of(
                "name", settings.prefix() + "-knowledge",
                "role_arn", role.arn(),
                "knowledge_base_configuration", Map.of(
                        "type", "VECTOR",
                        "vector_knowledge_base_configuration", Map.of("embedding_model_arn", embeddingModel)),
                "storage_configuration", storage))
                .dependsOn(storageResources.toArray(Resource[]::new));
        Resource dataSource = Resource.of(scope, "aws_bedrockagent_data_source", "knowledge", Map.of(
                "knowledge_base_id", knowledgeBase.id(),
                "name", settings.prefix() + "-knowledge-files",
                "data_source_configuration", Map.of(
                        "type", "S3",
                        "s3_configuration", Map.of("bucket_arn", bucket.arn(), "inclusion_prefixes",
                                List.of("knowledge/")))));
        return new Base(knowledgeBase, dataSource);
    }

    /** A vector-search collection with the encryption, network and data-access policies it needs. */
    private static Resource openSearch(Construct scope, InfraSettings settings) {
        String name = settings.prefix() + "-kb";
        String collection = "collection/" + name;
        Resource encryption = Resource.of(scope, "aws_opensearchserverless_security_policy", "encryption", Map.of(
                "name", name + "-enc",
                "type", "encryption",
                "policy", Policy.write(Map.of(
                        "Rules", List.of(Map.of("ResourceType", "collection", "Resource", List.of(collection))),
                        "AWSOwnedKey", true))));
        Resource network = Resource.of(scope, "aws_opensearchserverless_security_policy", "network", Map.of(
                "name", name + "-net",
                "type", "network",
                "policy", Policy.write(List.of(Map.of(
                        "Rules", List.of(Map.of("ResourceType", "collection", "Resource", List.of(collection))),
                        "AllowFromPublic", true)))));
        Resource.of(scope, "aws_opensearchserverless_access_policy", "data", Map.of(
                "name", name + "-data",
                "type", "data",
                "policy", Policy.write(List.of(Map.of(
                        "Rules", List.of(
                                Map.of("ResourceType", "collection", "Resource", List.of(collection),
                                        "Permission", List.of("aoss:DescribeCollectionItems",
                                                "aoss:CreateCollectionItems", "aoss:UpdateCollectionItems")),
                                Map.of("ResourceType", "index", "Resource", List.of("index/" + name + "/*"),
                                        "Permission", List.of("aoss:DescribeIndex", "aoss:CreateIndex",
                                                "aoss:UpdateIndex", "aoss:ReadDocument", "aoss:WriteDocument"))),
                        "Principal", List.of("${aws_iam_role.knowledge_base.arn}"))))));
        return Resource.of(scope, "aws_opensearchserverless_collection", "knowledge", Map.of(
                "name", name,
                "type", "VECTORSEARCH"))
                .dependsOn(encryption, network);
    }
}

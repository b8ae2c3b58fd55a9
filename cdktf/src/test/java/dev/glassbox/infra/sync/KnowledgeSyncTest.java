package dev.glassbox.infra.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.s3.S3Client;

/** KnowledgeSync through the real SDK clients, against s3rver and a fake of the ingestion-job API. */
class KnowledgeSyncTest {
    private static final String BUCKET = "knowledge-sync-test";
    private static S3rver s3rver;
    private static FakeBedrockAgent bedrock;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() throws Exception {
        s3rver = S3rver.start(BUCKET);
        bedrock = new FakeBedrockAgent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (s3rver != null) {
            s3rver.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
    }

    @Test
    void syncsOnlyWhatChangedAndIngestsOnlyWhenSomethingDid() throws Exception {
        Files.writeString(folder.resolve("costs.md"), "# Costs\nCheap.");
        Files.createDirectories(folder.resolve("guides"));
        Files.writeString(folder.resolve("guides").resolve("setup.md"), "# Setup\nEasy.");
        String prefix = "first/";

        Run first = sync(prefix, FakeBedrockAgent.KNOWLEDGE_BASE, S3rver.KEY, false);
        assertThat(first.code()).isZero();
        assertThat(first.output()).contains("2 to upload, 0 to delete, 0 unchanged")
                .contains("| job-").contains("| COMPLETE |");
        int jobs = bedrock.startedJobs.size();
        try (S3Client s3 = s3(S3rver.KEY)) {
            assertThat(s3.headObject(h -> h.bucket(BUCKET).key("first/guides/setup.md")).metadata())
                    .containsEntry(KnowledgeSync.HASH_METADATA, FolderDiff.sha256("# Setup\nEasy.".getBytes(StandardCharsets.UTF_8)));
        }

        Run second = sync(prefix, FakeBedrockAgent.KNOWLEDGE_BASE, S3rver.KEY, false);
        assertThat(second.output()).contains("0 to upload, 0 to delete, 2 unchanged")
                .contains("Nothing changed: no ingestion job started.");
        assertThat(bedrock.startedJobs).hasSize(jobs);

        Files.writeString(folder.resolve("costs.md"), "# Costs\nStill cheap.");
        Files.delete(folder.resolve("guides").resolve("setup.md"));
        Run third = sync(prefix, FakeBedrockAgent.KNOWLEDGE_BASE, S3rver.KEY, false);
        assertThat(third.code()).isZero();
        assertThat(third.output()).contains("1 to upload, 1 to delete, 0 unchanged")
                .contains("upload first/costs.md").contains("delete first/guides/setup.md");
        assertThat(bedrock.startedJobs).hasSize(jobs + 1);
        try (S3Client s3 = s3(S3rver.KEY)) {
            assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix(prefix)).contents())
                    .extracting(o -> o.key()).containsExactly("first/costs.md");
        }
    }

    @Test
    void linksAreNeverFollowedOrUploaded(@TempDir Path outside) throws Exception {
        Files.writeString(folder.resolve("a.md"), "# A");
        Path secret = Files.writeString(outside.resolve("secret.txt"), "AWS_SESSION_TOKEN=canary");
        Files.createSymbolicLink(folder.resolve("secret.md"), secret);
        Files.createSymbolicLink(folder.resolve("environ.md"), Path.of("/proc/self/environ"));
        Run run = sync("links/", FakeBedrockAgent.KNOWLEDGE_BASE, S3rver.KEY, false);
        assertThat(run.output()).contains("1 to upload").contains("skip secret.md: it is a symbolic link")
                .contains("skip environ.md");
        try (S3Client s3 = s3(S3rver.KEY)) {
            assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("links/")).contents())
                    .extracting(o -> o.key()).containsExactly("links/a.md");
        }
    }

    @Test
    void aDryRunChangesNothing() throws Exception {
        Files.writeString(folder.resolve("a.md"), "# A");
        Run dry = sync("dry/", FakeBedrockAgent.KNOWLEDGE_BASE, S3rver.KEY, true);
        assertThat(dry.output()).contains("1 to upload").contains("dry run");
        try (S3Client s3 = s3(S3rver.KEY)) {
            assertThat(s3.listObjectsV2(l -> l.bucket(BUCKET).prefix("dry/")).contents()).isEmpty();
        }
    }

    @Test
    void aFailedJobFailsTheCommandWithItsReasons() throws Exception {
        Files.writeString(folder.resolve("costs.md"), "# Costs");
        Run failed = sync("failing/", FakeBedrockAgent.FAILING, S3rver.KEY, false);
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.output()).contains("| FAILED |").contains("- costs.md: the file could not be parsed");
    }

    @Test
    void aMissingBucketAnUnknownKnowledgeBaseAndBadCredentialsGetClearErrors() throws Exception {
        Files.writeString(folder.resolve("a.md"), "# A");
        assertThatThrownBy(() -> run(new KnowledgeSync.Options(folder, "no-such-bucket", "", FakeBedrockAgent.KNOWLEDGE_BASE,
                "DS12345678", false), S3rver.KEY)).hasMessage("The bucket no-such-bucket does not exist.");
        assertThatThrownBy(() -> sync("x/", "KBUNKNOWN1", S3rver.KEY, false))
                .hasMessageContaining("The knowledge base KBUNKNOWN1 or its data source DS12345678 does not exist");
        assertThatThrownBy(() -> sync("x/", FakeBedrockAgent.KNOWLEDGE_BASE, "WRONGKEY", false))
                .hasMessageContaining("AWS refused the credentials");
    }

    private record Run(int code, String output) {
    }

    private Run sync(String prefix, String knowledgeBase, String key, boolean dryRun) throws Exception {
        return run(new KnowledgeSync.Options(folder, BUCKET, prefix, knowledgeBase, "DS12345678", dryRun), key);
    }

    private static Run run(KnowledgeSync.Options options, String key) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (S3Client s3 = s3(key); BedrockAgentClient agent = BedrockAgentClient.builder()
                .endpointOverride(bedrock.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, key))).build()) {
            int code = new KnowledgeSync(s3, agent, Duration.ofMillis(10), new PrintStream(output, true, StandardCharsets.UTF_8))
                    .run(options);
            return new Run(code, output.toString(StandardCharsets.UTF_8));
        }
    }

    private static S3Client s3(String key) {
        return S3Client.builder().endpointOverride(s3rver.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, key)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

}

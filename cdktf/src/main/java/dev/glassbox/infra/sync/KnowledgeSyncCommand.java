package dev.glassbox.infra.sync;

import dev.glassbox.core.cli.Cli;
import dev.glassbox.core.log.JsonLogging;
import dev.glassbox.core.settings.Settings;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.s3.S3Client;

/** KnowledgeSync's command line: its options, its settings, its AWS clients and its exit codes. */
@Command(name = "knowledge-sync", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Makes a Bedrock knowledge base's S3 data source equal to a folder, then ingests if anything "
                + "changed. Exit code 0: current; 1: ingestion failed; 2: a usage, setting or AWS problem.",
        footer = {"", "Settings: GLASSBOX_SYNC_POLL_MS (5000), and for tests GLASSBOX_S3_ENDPOINT and "
                + "GLASSBOX_BEDROCK_AGENT_ENDPOINT; AWS credentials and region as the AWS SDK finds them."})
final class KnowledgeSyncCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the folder to publish")
    private Path dir;
    @Option(names = "--bucket", required = true, description = "the data source's S3 bucket")
    private String bucket;
    @Option(names = "--prefix", defaultValue = "", description = "the data source's key prefix, e.g. knowledge/")
    private String prefix;
    @Option(names = "--knowledge-base", required = true, paramLabel = "ID",
            description = "the Bedrock knowledge base to re-index")
    private String knowledgeBase;
    @Option(names = "--data-source", required = true, paramLabel = "ID",
            description = "the knowledge base's S3 data source to ingest")
    private String dataSource;
    @Option(names = "--dry-run", description = "say what would change, change nothing")
    private boolean dryRun;
    @Spec
    private CommandSpec spec;

    static void main(String[] args) {
        System.exit(Cli.run(new KnowledgeSyncCommand(), args));
    }

    @Override
    public Integer call() {
        JsonLogging.install();
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "--dir: the folder " + dir.toAbsolutePath()
                    + " does not exist.");
        }
        Settings read = new Settings(System.getenv());
        URI s3Endpoint = read.optionalUri("GLASSBOX_S3_ENDPOINT");
        URI bedrockEndpoint = read.optionalUri("GLASSBOX_BEDROCK_AGENT_ENDPOINT");
        Duration poll = Duration.ofMillis(read.number("GLASSBOX_SYNC_POLL_MS", 5_000, 10, 600_000));
        var s3 = S3Client.builder()
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        var bedrock = BedrockAgentClient.builder();
        if (s3Endpoint != null) {
            s3.endpointOverride(s3Endpoint).forcePathStyle(true);
        }
        if (bedrockEndpoint != null) {
            bedrock.endpointOverride(bedrockEndpoint);
        }
        PrintWriter err = spec.commandLine().getErr();
        try (S3Client s3Client = s3.build(); BedrockAgentClient bedrockClient = bedrock.build()) {
            return new KnowledgeSync(s3Client, bedrockClient, poll, System.out).run(
                    new KnowledgeSync.Options(dir, bucket, prefix, knowledgeBase, dataSource, dryRun));
        } catch (KnowledgeSync.SyncException e) {
            err.println("knowledge-sync: " + e.getMessage());
            return e.exitCode;
        } catch (SdkClientException e) {
            err.println("knowledge-sync: cannot reach AWS: " + e.getMessage());
            return 2;
        }
    }
}

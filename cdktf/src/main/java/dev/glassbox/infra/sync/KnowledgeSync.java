package dev.glassbox.infra.sync;

import dev.glassbox.core.guard.FolderFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.bedrockagent.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Keeps a Bedrock knowledge base's S3 data source equal to the knowledge folder: uploads new and
 * changed files (compared by the SHA-256 stored with each object), deletes removed ones, and starts
 * an ingestion job only when something changed, then follows it to the end.
 *
 * <pre>java -cp glassbox-cdktf.jar dev.glassbox.infra.sync.KnowledgeSync --dir D --bucket B --prefix P
 *     --knowledge-base KB --data-source DS [--dry-run]</pre>
 */
public final class KnowledgeSync {
    static final String HASH_METADATA = "glassbox-sha256";
    /** Larger files are skipped and reported, as the local server does by default. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    /** What went wrong, for a person; the exit code says what kind. */
    static final class SyncException extends Exception {
        final int exitCode;

        SyncException(String message, int exitCode) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }
    }

    record Options(Path dir, String bucket, String prefix, String knowledgeBase, String dataSource, boolean dryRun) {
    }

    private final S3Client s3;
    private final Ingestion ingestion;
    private final PrintStream out;

    KnowledgeSync(S3Client s3, BedrockAgentClient bedrock, Duration pollInterval, PrintStream out) {
        this.s3 = s3;
        this.ingestion = new Ingestion(bedrock, pollInterval, out);
        this.out = out;
    }

    /** See {@link KnowledgeSyncCommand}. */
    public static void main(String[] args) {
        KnowledgeSyncCommand.main(args);
    }

    /** Syncs and returns the exit code: 0 when the knowledge base is current, 1 when ingestion failed. */
    int run(Options options) throws SyncException {
        try {
            ingestion.checkKnowledgeBase(options.knowledgeBase());
            // Only regular files inside the folder: a link to /proc/self/environ would publish the deploy role's keys.
            FolderFiles.Listing folder = FolderFiles.read(options.dir(), "", MAX_FILE_BYTES);
            folder.skipped().forEach(file -> out.println("  skip " + file.file() + ": " + file.reason()));
            FolderDiff diff = FolderDiff.between(FolderDiff.hashes(folder.files(), options.prefix()),
                    remoteHashes(options.bucket(), options.prefix()));
            out.printf("%d to upload, %d to delete, %d unchanged%s%n", diff.uploads().size(), diff.deletes().size(),
                    diff.unchanged(), options.dryRun() ? " (dry run: nothing changed)" : "");
            diff.uploads().forEach(key -> out.println("  upload " + key));
            diff.deletes().forEach(key -> out.println("  delete " + key));
            if (options.dryRun()) {
                return 0;
            }
            for (String key : diff.uploads()) {
                upload(options, key, folder.files().get(key.substring(options.prefix().length())));
            }
            for (String key : diff.deletes()) {
                s3.deleteObject(d -> d.bucket(options.bucket()).key(key));
            }
            if (!diff.changes()) {
                out.println("Nothing changed: no ingestion job started.");
                return 0;
            }
            return ingestion.run(options.knowledgeBase(), options.dataSource());
        } catch (NoSuchBucketException e) {
            throw new SyncException("The bucket " + options.bucket() + " does not exist.", 2);
        } catch (ResourceNotFoundException e) {
            throw new SyncException("The knowledge base " + options.knowledgeBase() + " or its data source "
                    + options.dataSource() + " does not exist: " + e.awsErrorDetails().errorMessage(), 2);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 403) {
                throw new SyncException("AWS refused the credentials (" + e.awsErrorDetails().errorCode()
                        + "): check the role or keys this runs with.", 2);
            }
            throw new SyncException("AWS failed: " + e.awsErrorDetails().errorMessage(), 2);
        } catch (IOException e) {
            throw new SyncException("Cannot read the folder: " + e.getMessage(), 2);
        }
    }

    private void upload(Options options, String key, byte[] content) {
        s3.putObject(p -> p.bucket(options.bucket()).key(key)
                .contentType(key.endsWith(".md") ? "text/markdown; charset=utf-8" : "application/octet-stream")
                .metadata(Map.of(HASH_METADATA, FolderDiff.sha256(content))), RequestBody.fromBytes(content));
    }

    private Map<String, String> remoteHashes(String bucket, String prefix) {
        Map<String, String> hashes = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(l -> l.bucket(bucket).prefix(prefix)).contents()) {
            String hash = s3.headObject(h -> h.bucket(bucket).key(object.key())).metadata().get(HASH_METADATA);
            hashes.put(object.key(), hash == null ? "" : hash);
        }
        return hashes;
    }
}

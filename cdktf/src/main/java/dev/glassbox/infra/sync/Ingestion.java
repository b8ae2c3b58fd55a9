package dev.glassbox.infra.sync;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.bedrockagent.BedrockAgentClient;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJob;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobStatistics;
import software.amazon.awssdk.services.bedrockagent.model.IngestionJobStatus;

/** Starts a knowledge base's ingestion job, follows it to the end and reports it as a Markdown table. */
final class Ingestion {
    private static final List<IngestionJobStatus> ENDED = List.of(IngestionJobStatus.COMPLETE,
            IngestionJobStatus.FAILED, IngestionJobStatus.STOPPED);

    private final BedrockAgentClient bedrock;
    private final Duration pollInterval;
    private final PrintStream out;

    Ingestion(BedrockAgentClient bedrock, Duration pollInterval, PrintStream out) {
        this.bedrock = bedrock;
        this.pollInterval = pollInterval;
        this.out = out;
    }

    /** Fails fast, before anything is uploaded, when the knowledge base does not exist. */
    void checkKnowledgeBase(String knowledgeBase) {
        bedrock.getKnowledgeBase(g -> g.knowledgeBaseId(knowledgeBase));
    }

    /** Returns 0 when the job completed with every document indexed, else 1 after printing why. */
    int run(String knowledgeBase, String dataSource) throws KnowledgeSync.SyncException {
        IngestionJob job = bedrock.startIngestionJob(s -> s.knowledgeBaseId(knowledgeBase).dataSourceId(dataSource)
                .description("Knowledge sync")).ingestionJob();
        out.println("Started ingestion job " + job.ingestionJobId());
        while (!ENDED.contains(job.status())) {
            sleep();
            String id = job.ingestionJobId();
            job = bedrock.getIngestionJob(g -> g.knowledgeBaseId(knowledgeBase).dataSourceId(dataSource)
                    .ingestionJobId(id)).ingestionJob();
        }
        IngestionJobStatistics stats = job.statistics();
        long failed = value(stats == null ? null : stats.numberOfDocumentsFailed());
        out.println();
        out.println("| job | status | scanned | indexed | deleted | failed |");
        out.println("|---|---|---:|---:|---:|---:|");
        out.printf("| %s | %s | %d | %d | %d | %d |%n", job.ingestionJobId(), job.statusAsString(),
                value(stats == null ? null : stats.numberOfDocumentsScanned()),
                value(stats == null ? null : stats.numberOfNewDocumentsIndexed())
                        + value(stats == null ? null : stats.numberOfModifiedDocumentsIndexed()),
                value(stats == null ? null : stats.numberOfDocumentsDeleted()), failed);
        if (job.status() != IngestionJobStatus.COMPLETE || failed > 0) {
            out.println();
            out.println("Ingestion did not succeed:");
            job.failureReasons().forEach(reason -> out.println("- " + reason));
            return 1;
        }
        return 0;
    }

    private void sleep() throws KnowledgeSync.SyncException {
        try {
            Thread.sleep(pollInterval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KnowledgeSync.SyncException("Interrupted while waiting for the ingestion job.", 1);
        }
    }

    private static long value(Long number) {
        return number == null ? 0 : number;
    }
}

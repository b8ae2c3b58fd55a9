package dev.glassbox.infra.sync;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of the Bedrock Agent control plane's knowledge-base and ingestion-job API, speaking its
 * REST protocol. Knowledge base {@code KB12345678} exists; {@code KBFAILING1} exists and its jobs
 * fail; any other is not found. A job is in progress on the first look and ended on the second.
 */
final class FakeBedrockAgent implements AutoCloseable {
    static final String KNOWLEDGE_BASE = "KB12345678";
    static final String FAILING = "KBFAILING1";
    private static final Pattern JOBS = Pattern.compile("/knowledgebases/([^/]+)/datasources/([^/]+)/ingestionjobs/?([^/]*)");
    private static final Pattern BASE = Pattern.compile("/knowledgebases/([^/]+)");

    final List<String> startedJobs = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> looks = new ConcurrentHashMap<>();
    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    FakeBedrockAgent() throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            HttpServerResponse response = request.response().putHeader("Content-Type", "application/json")
                    .putHeader("x-amzn-RequestId", "fake");
            Matcher jobs = JOBS.matcher(request.path());
            Matcher base = BASE.matcher(request.path());
            if (jobs.matches() && request.method().name().equals("PUT")) {
                String id = "job-" + (startedJobs.size() + 1);
                startedJobs.add(id);
                response.setStatusCode(202).end(new JsonObject().put("ingestionJob",
                        job(jobs.group(1), jobs.group(2), id, "STARTING")).encode());
            } else if (jobs.matches() && !jobs.group(3).isEmpty()) {
                int look = looks.merge(jobs.group(3), 1, Integer::sum);
                boolean failing = jobs.group(1).equals(FAILING);
                String status = look == 1 ? "IN_PROGRESS" : failing ? "FAILED" : "COMPLETE";
                JsonObject job = job(jobs.group(1), jobs.group(2), jobs.group(3), status)
                        .put("statistics", new JsonObject().put("numberOfDocumentsScanned", 3)
                                .put("numberOfNewDocumentsIndexed", 2).put("numberOfModifiedDocumentsIndexed", 0)
                                .put("numberOfDocumentsDeleted", 1).put("numberOfDocumentsFailed", failing ? 1 : 0));
                if (failing && look > 1) {
                    job.put("failureReasons", new JsonArray().add("costs.md: the file could not be parsed"));
                }
                response.end(new JsonObject().put("ingestionJob", job).encode());
            } else if (base.matches() && (base.group(1).equals(KNOWLEDGE_BASE) || base.group(1).equals(FAILING))) {
                response.end(new JsonObject().put("knowledgeBase", new JsonObject()
                        .put("knowledgeBaseId", base.group(1)).put("name", "glassbox-knowledge")
                        .put("knowledgeBaseArn", "arn:aws:bedrock:us-east-1:123456789012:knowledge-base/" + base.group(1))
                        .put("roleArn", "arn:aws:iam::123456789012:role/kb").put("status", "ACTIVE")
                        .put("createdAt", "2026-11-26T18:00:00Z").put("updatedAt", "2026-11-26T18:00:00Z")
                        .put("knowledgeBaseConfiguration", new JsonObject().put("type", "VECTOR"))).encode());
            } else {
                response.setStatusCode(404).putHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                        .end(new JsonObject().put("message", "No knowledge base at " + request.path()).encode());
            }
        }));
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.actualPort());
    }

    private static JsonObject job(String knowledgeBase, String dataSource, String id, String status) {
        return new JsonObject().put("knowledgeBaseId", knowledgeBase).put("dataSourceId", dataSource)
                .put("ingestionJobId", id).put("status", status).put("startedAt", "2026-11-26T18:00:00Z").put("updatedAt", "2026-11-26T18:00:00Z");
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

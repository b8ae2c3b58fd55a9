package dev.glassbox.server;

import dev.glassbox.core.guard.ConnectionGuard;
import dev.glassbox.core.guard.OriginPolicy;
import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.bedrock.BedrockClients;
import dev.glassbox.core.conversation.MemoryConversationStore;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.pipeline.AnswerPipeline;
import dev.glassbox.server.config.ServerConfig;
import dev.glassbox.server.http.ClientErrors;
import dev.glassbox.server.http.HostCheck;
import dev.glassbox.server.feedback.JsonLinesFeedbackStore;
import dev.glassbox.server.http.KnowledgePages;
import dev.glassbox.server.http.SecurityHeaders;
import dev.glassbox.server.http.VendorScripts;
import dev.glassbox.server.http.WebSocketEndpoint;
import dev.glassbox.server.local.knowledge.KnowledgeBase;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.metrics.BoundedTags;
import dev.glassbox.server.metrics.ServerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The local server: the page at {@code /}, protocol v1 at {@code /ws}, {@code /healthz},
 * {@code /readyz} and {@code /metrics}, answering with the configured backend. It listens at once;
 * {@link #ready()} completes when questions can be answered.
 */
public final class GlassboxServer {
    /** Feedback is kept in two files of at most this size each. */
    private static final long FEEDBACK_FILE_BYTES = 4L * 1024 * 1024;

    /** Numbers the groups of instances that share one random port; see {@link #sharedPort}. */
    private static final AtomicInteger RANDOM_PORT_GROUPS = new AtomicInteger();

    private final Vertx vertx;
    private final String deployment;
    private final int port;
    /** {@code /metrics} on a port of its own, or null. */
    private final HttpServer metricsServer;
    private final KnowledgeBase knowledge;
    private final BedrockClients bedrock;
    private final AnswerPipeline pipeline;
    private final WebSocketEndpoint webSockets;
    private final AgentBackend backend;
    private final Future<Void> ready;
    private final long shutdownGraceMs;

    private GlassboxServer(Vertx vertx, String deployment, int port, HttpServer metricsServer, KnowledgeBase knowledge,
                           BedrockClients bedrock, AnswerPipeline pipeline, WebSocketEndpoint webSockets,
                           AgentBackend backend, Future<Void> ready, long shutdownGraceMs) {
        this.vertx = vertx;
        this.deployment = deployment;
        this.port = port;
        this.metricsServer = metricsServer;
        this.knowledge = knowledge;
        this.bedrock = bedrock;
        this.pipeline = pipeline;
        this.webSockets = webSockets;
        this.backend = backend;
        this.ready = ready;
        this.shutdownGraceMs = shutdownGraceMs;
    }

    /**
     * A Vert.x instance with {@code eventLoops} event loops (the server deploys one HTTP server on
     * each), whose metrics land in {@code registry}, next to Glassbox's own.
     */
    public static Vertx newVertx(PrometheusMeterRegistry registry, int eventLoops) {
        return Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(eventLoops).setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    /** A registry with the JVM's memory, GC and CPU metrics, so /metrics shows what load costs. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any meter exists: a client could otherwise create series with invented HTTP methods.
        registry.config().meterFilter(new BoundedTags());
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    public static Future<GlassboxServer> start(Vertx vertx, PrometheusMeterRegistry registry, ServerConfig config) {
        ServerMetrics metrics = new ServerMetrics(registry);
        KnowledgeBase knowledge = config.usesLocalKnowledge()
                ? new KnowledgeBase(vertx, config.knowledgeDir(), config.cacheDir(), config.watchIntervalMs(),
                        config.maxKnowledgeFileBytes())
                : null;
        BedrockClients bedrock = config.bedrock() != null ? new BedrockClients(config.bedrock()) : null;
        AgentBackend backend = Backends.create(vertx, config, knowledge, bedrock);
        AnswerPipeline pipeline = new AnswerPipeline(vertx, backend, config.pipeline(), PriceTable.defaults(), metrics,
                new MemoryConversationStore(), new JsonLinesFeedbackStore(config.cacheDir(), FEEDBACK_FILE_BYTES));
        Future<Void> ready = knowledge != null ? knowledge.start().mapEmpty() : Future.succeededFuture();
        ConnectionGuard connectionGuard = new ConnectionGuard(vertx, config.http().maxConnections(),
                config.http().maxConnectionsPerIp(), config.http().headerTimeoutMs());
        // Shared by every event loop's router, so they are thread-safe: one socket count, one shutdown.
        WebSocketEndpoint webSockets = new WebSocketEndpoint(vertx, pipeline, new OriginPolicy(config.allowedOrigins()),
                config.sockets(), metrics, connectionGuard);
        VendorScripts vendorScripts = new VendorScripts();
        SecurityHeaders securityHeaders = new SecurityHeaders(config.pageWebSocketUrl());
        HostCheck hostCheck = new HostCheck(config.http().allowedHosts());
        KnowledgePages knowledgePages = knowledge != null ? new KnowledgePages(config.knowledgeDir()) : null;
        JsonObject pageConfig = pageConfig(config);

        Supplier<Handler<HttpServerRequest>> routes = () -> {
            Router router = Router.router(vertx);
            router.route().handler(hostCheck);
            router.route().handler(securityHeaders);
            router.route("/healthz").method(HttpMethod.GET).method(HttpMethod.HEAD)
                    .handler(ctx -> json(ctx, 200, new JsonObject().put("status", "ok")));
            router.get("/readyz").handler(ctx -> {
                if (!ready.succeeded()) {
                    json(ctx, 503, new JsonObject().put("status", "indexing"));
                } else {
                    json(ctx, 200, describe(backend, knowledge, pipeline.prices()).put("status", "ready"));
                }
            });
            if (config.http().metricsEnabled() && config.http().metricsPort() == 0) {
                router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
            }
            router.get("/vendor/:name").handler(vendorScripts);
            router.route("/ws").handler(webSockets);
            router.get("/config.json").handler(ctx -> json(ctx, 200, pageConfig));
            if (knowledgePages != null) {
                router.get("/knowledge/*").handler(knowledgePages);
            }
            // The page must pick up a new config.json or release at once, so browsers revalidate every time.
            router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
            return ClientErrors.around(router);
        };

        HttpServerOptions options = config.http().serverOptions(sharedPort(config.port()));
        Future<HttpServer> metricsServer = config.http().metricsEnabled() && config.http().metricsPort() > 0
                ? metricsServer(vertx, registry, config.http().metricsPort()) : Future.succeededFuture();
        List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
        return metricsServer.compose(metricsHttp -> vertx.deployVerticle(() -> {
                    Counter connections = Counter.builder("glassbox.http.connections")
                            .description("HTTP connections accepted, by the event loop that serves them")
                            .tag("event_loop", String.valueOf(instances.size()))
                            .register(registry);
                    HttpVerticle instance = new HttpVerticle(options, routes.get(), connectionGuard, connections);
                    instances.add(instance);
                    return instance;
                }, new DeploymentOptions().setInstances(config.eventLoops()))
                .map(deployment -> new GlassboxServer(vertx, deployment, instances.get(0).port(), metricsHttp,
                        knowledge, bedrock, pipeline, webSockets, backend, ready, config.shutdownGraceMs())));
    }

    /** {@code /metrics} alone, on loopback, for a scraper on the same machine (GLASSBOX_METRICS=port). */
    private static Future<HttpServer> metricsServer(Vertx vertx, PrometheusMeterRegistry registry, int port) {
        Router router = Router.router(vertx);
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setHttp2ClearTextEnabled(false)).requestHandler(router).listen();
    }

    /**
     * Port 0 would give each instance a port of its own; Vert.x shares one random port among the
     * servers that ask for the same negative port, so each server start takes a negative number of its own.
     */
    private static int sharedPort(int port) {
        return port != 0 ? port : -RANDOM_PORT_GROUPS.incrementAndGet();
    }

    /** The page's config.json: where it connects, the repository it links to, where sources open. */
    private static JsonObject pageConfig(ServerConfig config) {
        JsonObject page = new JsonObject().put("webSocketUrl",
                config.pageWebSocketUrl() == null ? "/ws" : config.pageWebSocketUrl().toString());
        if (config.pageRepositoryUrl() != null) {
            page.put("repositoryUrl", config.pageRepositoryUrl().toString());
        }
        if (config.pageSourcesUrl() != null) {
            page.put("sourcesBaseUrl", config.pageSourcesUrl().toString());
        }
        return page;
    }

    /** What answers questions: the backend and model, and the indexed folder when it is local. */
    private static JsonObject describe(AgentBackend backend, KnowledgeBase knowledge, PriceTable prices) {
        JsonObject description = new JsonObject().put("backend", backend.name()).put("model", backend.model());
        if (prices.asOf(backend.model()) != null) {
            description.put("pricesAsOf", prices.asOf(backend.model()).toString());
        }
        KnowledgeIndex index = knowledge == null ? null : knowledge.current();
        if (index != null) {
            description.put("files", index.fileCount()).put("passages", index.passageCount());
            JsonArray skipped = new JsonArray();
            knowledge.skipped().forEach(file -> skipped.add(new JsonObject().put("file", file.file())
                    .put("reason", file.reason())));
            description.put("skipped", skipped);
        }
        return description;
    }

    /** For the start-up line: the backend and model, and what the local agent indexed. */
    public String description() {
        JsonObject description = describe(backend, knowledge, pipeline.prices());
        StringBuilder text = new StringBuilder("backend ").append(backend.name()).append(", model ")
                .append(backend.model());
        if (description.containsKey("files")) {
            text.append(", ").append(description.getInteger("files")).append(" files, ")
                    .append(description.getInteger("passages")).append(" passages");
        }
        return text.toString();
    }

    /** When the price of the backend's model was taken, or null when it has no price. */
    public LocalDate pricesAsOf() {
        return pipeline.prices().asOf(backend.model());
    }

    public int port() {
        return port;
    }

    /** Completes when questions can be answered: at once for Bedrock, once the folder is indexed otherwise. */
    public Future<Void> ready() {
        return ready;
    }

    /**
     * Stops gracefully: new questions are refused, running answers get the grace period to finish and
     * are then cancelled (each still ends with its done), sockets close with 1001, then the server.
     */
    public Future<Void> shutdown() {
        return webSockets.shutdown(shutdownGraceMs).compose(v -> close());
    }

    public Future<Void> close() {
        if (knowledge != null) {
            knowledge.close();
        }
        pipeline.close();
        Future<Void> metricsClosed = metricsServer == null ? Future.succeededFuture() : metricsServer.close();
        // Undeploying closes every event loop's server.
        return Future.join(vertx.undeploy(deployment), metricsClosed).<Void>mapEmpty().onComplete(v -> {
            if (bedrock != null) {
                bedrock.close();
            }
        });
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}

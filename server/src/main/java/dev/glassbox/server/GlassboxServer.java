package dev.glassbox.server;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.pipeline.AnswerPipeline;
import dev.glassbox.core.protocol.ProtocolLimits;
import dev.glassbox.server.config.ServerConfig;
import dev.glassbox.server.http.OriginPolicy;
import dev.glassbox.server.http.SecurityHeaders;
import dev.glassbox.server.http.VendorScripts;
import dev.glassbox.server.http.WebSocketEndpoint;
import dev.glassbox.server.local.KnowledgeBase;
import dev.glassbox.server.local.KnowledgeIndex;
import dev.glassbox.server.local.LocalAgentBackend;
import dev.glassbox.server.metrics.ServerMetrics;
import dev.glassbox.server.openai.OpenAiBackend;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;

/**
 * The local server: the page at {@code /}, protocol v1 at {@code /ws}, {@code /healthz},
 * {@code /readyz} and {@code /metrics}, with the embedded agent over the knowledge folder.
 * It listens at once; {@link #ready()} completes when the knowledge is indexed.
 */
public final class GlassboxServer {
    /** API Gateway's message limit; larger client messages are refused by the WebSocket layer itself. */
    private static final int MAX_MESSAGE_BYTES = 128 * 1024;

    private final HttpServer http;
    private final KnowledgeBase knowledge;
    private final AnswerPipeline pipeline;
    private final Future<KnowledgeIndex> ready;

    private GlassboxServer(HttpServer http, KnowledgeBase knowledge, AnswerPipeline pipeline,
                           Future<KnowledgeIndex> ready) {
        this.http = http;
        this.knowledge = knowledge;
        this.pipeline = pipeline;
        this.ready = ready;
    }

    /** A Vert.x instance whose metrics land in {@code registry}, next to Glassbox's own. */
    public static Vertx newVertx(PrometheusMeterRegistry registry) {
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public static Future<GlassboxServer> start(Vertx vertx, PrometheusMeterRegistry registry, ServerConfig config) {
        ServerMetrics metrics = new ServerMetrics(registry);
        KnowledgeBase knowledge = new KnowledgeBase(vertx, config.knowledgeDir(), config.cacheDir(),
                config.watchIntervalMs());
        AnswerPipeline pipeline = new AnswerPipeline(vertx, backend(vertx, config, knowledge),
                config.pipeline(), PriceTable.defaults(), metrics);

        Router router = Router.router(vertx);
        router.route().handler(new SecurityHeaders());
        router.get("/healthz").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "ok")));
        router.get("/readyz").handler(ctx -> readiness(ctx, knowledge.current()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
        router.get("/vendor/:name").handler(new VendorScripts());
        router.route("/ws").handler(new WebSocketEndpoint(pipeline, new OriginPolicy(config.allowedOrigins()), metrics));
        // The page must pick up a new config.json or release at once, so browsers revalidate every time.
        router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));

        HttpServerOptions options = new HttpServerOptions()
                .setPort(config.port())
                // Token frames are tiny and frequent; deflating each costs more CPU than it saves bytes.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setMaxWebSocketFrameSize(MAX_MESSAGE_BYTES)
                .setMaxWebSocketMessageSize(Math.max(MAX_MESSAGE_BYTES, ProtocolLimits.MAX_FRAME_BYTES));
        Future<KnowledgeIndex> ready = knowledge.start();
        return vertx.createHttpServer(options).requestHandler(router).listen()
                .map(http -> new GlassboxServer(http, knowledge, pipeline, ready));
    }

    private static AgentBackend backend(Vertx vertx, ServerConfig config, KnowledgeBase knowledge) {
        if (config.openAi() != null) {
            return new OpenAiBackend(vertx, knowledge, config.openAi());
        }
        return new LocalAgentBackend(vertx, knowledge, config.localPaceMs());
    }

    public int port() {
        return http.actualPort();
    }

    /** Completes when the knowledge folder is indexed and questions can be answered. */
    public Future<KnowledgeIndex> ready() {
        return ready;
    }

    public Future<Void> close() {
        knowledge.close();
        pipeline.close();
        return http.close();
    }

    private static void readiness(RoutingContext ctx, KnowledgeIndex index) {
        if (index == null) {
            json(ctx, 503, new JsonObject().put("status", "indexing"));
        } else {
            json(ctx, 200, new JsonObject().put("status", "ready")
                    .put("files", index.fileCount()).put("passages", index.passageCount()));
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}

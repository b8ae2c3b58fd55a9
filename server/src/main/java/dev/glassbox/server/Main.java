package dev.glassbox.server;

import dev.glassbox.core.cli.Cli;
import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.log.JsonLogging;
import dev.glassbox.core.log.Log;
import dev.glassbox.server.config.ServerConfig;
import dev.glassbox.server.feedback.FeedbackReportCommand;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import io.vertx.core.Vertx;
import java.net.BindException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import picocli.CommandLine.Command;

/**
 * {@code java -jar glassbox-server.jar [serve]}: reads the environment, starts the server, says where to look.
 * {@code java -jar glassbox-server.jar report} prints the feedback report instead.
 */
@Command(name = "glassbox", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        subcommands = {Main.Serve.class, Main.Report.class},
        description = "Glassbox, an AI agent that shows its work. Without a command, serves the page and its "
                + "WebSocket (serve).",
        footer = {"", "Settings are GLASSBOX_* environment variables (README.md, Configuration)."})
public final class Main implements Callable<Integer> {
    /** Set once logging is installed: a logger created earlier would fix java.util.logging's manager too soon. */
    private static Logger log;

    public static void main(String[] args) {
        Cli.serve(new Main(), args);
    }

    @Override
    public Integer call() {
        serve();
        return 0;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Serves the page, /ws, health and metrics on GLASSBOX_HOST:GLASSBOX_PORT (the default).")
    static final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            serve();
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Prints the feedback report: declined questions and answers marked down, most frequent "
                    + "first, from the feedback file in GLASSBOX_CACHE_DIR.")
    static final class Report implements Callable<Integer> {
        @Override
        public Integer call() {
            return FeedbackReportCommand.run(System.getenv(), System.out, System.err);
        }
    }

    /** Starts the server; a bad setting throws before anything listens. */
    private static void serve() {
        installJsonLogging();
        log = Logger.getLogger(Main.class.getName());
        ServerConfig config = ServerConfig.fromEnvironment(System.getenv());
        PrometheusMeterRegistry registry = GlassboxServer.newRegistry();
        Vertx vertx = GlassboxServer.newVertx(registry, config.eventLoops());
        GlassboxServer.start(vertx, registry, config)
                .onFailure(e -> {
                    String reason = e instanceof BindException ? "the port is in use" : String.valueOf(e.getMessage());
                    System.err.println("glassbox: cannot listen on " + config.http().host() + ":" + config.port()
                            + ": " + reason + ". Set GLASSBOX_PORT to a free port, or GLASSBOX_HOST to an address "
                            + "of this machine.");
                    vertx.close();
                    JsonLogging.flush();
                    System.exit(1);
                })
                .onSuccess(server -> {
                    Log.info(log, "listening; indexing the knowledge base", "port", server.port(),
                            "knowledgeDir", config.knowledgeDir().toString(), "backend", config.backend());
                    Thread shutdownHook = new Thread(() -> shutDown(vertx, server, config.shutdownGraceMs()));
                    Runtime.getRuntime().addShutdownHook(shutdownHook);
                    server.ready()
                            .onSuccess(v -> {
                                warnIfPricesAreOld(server, LocalDate.now(ZoneOffset.UTC));
                                ready(server);
                            })
                            .onFailure(e -> {
                                Log.error(log, "could not index the knowledge base", e,
                                        "knowledgeDir", config.knowledgeDir().toString());
                                System.err.println("glassbox: could not index " + config.knowledgeDir() + ": " + e);
                                // The graceful hook would wait for this very event loop, which exit() blocks.
                                Runtime.getRuntime().removeShutdownHook(shutdownHook);
                                JsonLogging.flush();
                                System.exit(1);
                            });
                });
    }

    private static void warnIfPricesAreOld(GlassboxServer server, LocalDate today) {
        if (PriceTable.isStale(server.pricesAsOf(), today)) {
            Log.warn(log, "the model's price is older than " + PriceTable.FRESH_DAYS + " days, so answer costs may be "
                    + "wrong: check the provider's price and update prices.json in core", null,
                    "pricesAsOf", server.pricesAsOf().toString());
        }
    }

    /** The ready line is a log line like every other; a person at a terminal also gets it in plain words. */
    private static void ready(GlassboxServer server) {
        String url = "http://localhost:" + server.port();
        Log.announce(log, "Glassbox is ready: open " + url, "url", url, "description", server.description());
    }

    /** Waits the grace the operator set for running answers, and a little more for closing the sockets. */
    private static void shutDown(Vertx vertx, GlassboxServer server, long graceMs) {
        long started = System.nanoTime();
        Log.info(log, "stopping: finishing running answers");
        try {
            server.shutdown().toCompletionStage().toCompletableFuture().get(graceMs + 5_000, TimeUnit.MILLISECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            Log.info(log, "stopped", "ms", (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            Log.warn(log, "stopped before everything closed", e, "ms", (System.nanoTime() - started) / 1_000_000);
        }
        // Lines still waiting for the log writer would be lost when the JVM halts after this hook.
        JsonLogging.flush();
    }

    /**
     * Every log line — ours, Vert.x's and Netty's — as one JSON object on standard output, at GLASSBOX_LOG_LEVEL,
     * written by a thread of its own so event loops never wait for the output.
     */
    private static void installJsonLogging() {
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.JULLogDelegateFactory");
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        JsonLogging.installInBackground();
    }
}

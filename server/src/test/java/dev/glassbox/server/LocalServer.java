package dev.glassbox.server;

import dev.glassbox.server.config.ServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import dev.glassbox.core.testing.ProtocolClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real Glassbox server on a free port, for tests and benchmarks; closed with its own Vert.x. */
public final class LocalServer implements AutoCloseable {
    /** The repository's knowledge folder, which the tests answer from. */
    public static final Path KNOWLEDGE = Path.of("..", "knowledge").toAbsolutePath().normalize();
    /** Folders {@link #knowledgeWith} made: the repository's knowledge and one file more. */
    private static final Set<Path> COPIES = ConcurrentHashMap.newKeySet();

    public final Vertx vertx;
    public final GlassboxServer server;
    public final PrometheusMeterRegistry registry;

    private LocalServer(Vertx vertx, GlassboxServer server, PrometheusMeterRegistry registry) {
        this.vertx = vertx;
        this.server = server;
        this.registry = registry;
    }

    /** Starts a server over {@code knowledge} with {@code settings} on top of the test defaults, and waits until ready. */
    public static LocalServer start(Path knowledge, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("GLASSBOX_PORT", "0");
        env.put("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString());
        env.put("GLASSBOX_CACHE_DIR", cacheFor(knowledge).toString());
        env.put("GLASSBOX_LOCAL_PACE_MS", "0");
        // Every test client comes from 127.0.0.1; the per-client limits have tests of their own.
        env.put("GLASSBOX_CLIENT_ASK_BURST", "100000");
        env.put("GLASSBOX_MAX_SOCKETS_PER_IP", "100000");
        env.put("GLASSBOX_MAX_CONNECTIONS_PER_IP", "100000");
        env.putAll(settings);
        ServerConfig config = ServerConfig.fromEnvironment(env);
        PrometheusMeterRegistry registry = GlassboxServer.newRegistry();
        Vertx vertx = GlassboxServer.newVertx(registry, config.eventLoops());
        GlassboxServer server = await(GlassboxServer.start(vertx, registry, config), Duration.ofSeconds(30));
        await(server.ready(), Duration.ofSeconds(60));
        return new LocalServer(vertx, server, registry);
    }

    /**
     * The shared embedding cache for the repository's knowledge and copies of it; a cache of its own for a test's
     * small folder, whose indexing would otherwise prune the shared cache to its few files (the cache keeps only
     * what the knowledge holds) and make the next test embed the whole knowledge base again.
     */
    private static Path cacheFor(Path knowledge) {
        Path target = Path.of("target").toAbsolutePath();
        boolean repositoryKnowledge = knowledge.equals(KNOWLEDGE) || COPIES.contains(knowledge);
        return repositoryKnowledge ? target.resolve("embedding-cache")
                : target.resolve("test-caches").resolve(String.valueOf(knowledge.getFileName()));
    }

    /** A copy of the repository's knowledge folder with one more file, for a test that needs it. */
    public static Path knowledgeWith(String fileName, String markdown) throws IOException {
        Path copy = Files.createTempDirectory("glassbox-knowledge");
        try (Stream<Path> files = Files.list(KNOWLEDGE)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(copy.resolve(fileName), markdown);
        COPIES.add(copy);
        return copy;
    }

    /** The text this server answers {@code question} with, over the protocol: the local agent is deterministic. */
    public String answerText(String question) throws Exception {
        Vertx client = Vertx.vertx();
        try {
            List<JsonObject> events = ProtocolClient.answer(client, port(), question);
            return events.get(events.size() - 1).getString("text");
        } finally {
            await(client.close(), Duration.ofSeconds(10));
        }
    }

    public int port() {
        return server.port();
    }

    public static <T> T await(Future<T> future, Duration timeout) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        await(server.close(), Duration.ofSeconds(10));
        await(vertx.close(), Duration.ofSeconds(10));
    }
}

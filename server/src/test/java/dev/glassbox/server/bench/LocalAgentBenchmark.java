package dev.glassbox.server.bench;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.server.LocalServer;
import dev.glassbox.server.local.RetrievalQualityTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures the local agent: first-token and retrieval latency over 200 questions through a real
 * WebSocket, and server start to ready in a fresh JVM with a cold and a warm embedding cache.
 * Run with {@code mvn -q -B -Pbenchmark -DskipTests verify}; not part of the test suite.
 */
public final class LocalAgentBenchmark {
    private static final int WARM_UP = 50;
    private static final int MEASURED = 200;
    private static final List<String> TEMPLATES = List.of("What about %s?", "Tell me about %s.",
            "How does Glassbox handle %s?", "Explain %s.", "What should I know about %s?");

    private LocalAgentBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf(Locale.ROOT, "Local agent benchmark on %d cores, %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"));
        Path cache = Files.createTempDirectory("glassbox-bench-cache");
        System.out.printf(Locale.ROOT, "start to ready, cold cache: %d ms%n", startToReadyMs(cache));
        System.out.printf(Locale.ROOT, "start to ready, warm cache: %d ms%n", startToReadyMs(cache));
        measureAnswers();
        System.exit(0);
    }

    private static void measureAnswers() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_ASK_BURST", "1000", "GLASSBOX_ASKS_PER_MINUTE", "6000"))) {
            Vertx clients = Vertx.vertx();
            List<String> questions = questions();
            long[] firstToken = new long[MEASURED];
            long[] retrieval = new long[MEASURED];
            try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
                for (int i = 0; i < WARM_UP + MEASURED; i++) {
                    String id = "b" + i;
                    long sent = System.nanoTime();
                    client.ask(id, questions.get(i % questions.size()));
                    long first = -1;
                    long retrievalMs = -1;
                    for (ProtocolClient.Received received : client.untilEndReceived(id)) {
                        JsonObject event = received.event();
                        if (first < 0 && event.getString("type").equals("token")) {
                            first = received.nanos() - sent;
                        }
                        if (event.getString("type").equals("trace")
                                && event.getJsonObject("step").getString("kind").equals("retrieval")) {
                            retrievalMs = event.getJsonObject("step").getLong("durationMs");
                        }
                    }
                    if (i >= WARM_UP) {
                        firstToken[i - WARM_UP] = first;
                        retrieval[i - WARM_UP] = TimeUnit.MILLISECONDS.toNanos(retrievalMs);
                    }
                }
            }
            LocalServer.await(clients.close(), Duration.ofSeconds(10));
            report("first token (client-measured)", firstToken);
            report("retrieval (server-measured, ms resolution)", retrieval);
        }
    }

    /** The retrieval-quality questions, then each template applied to every heading of the knowledge base. */
    private static List<String> questions() throws Exception {
        List<String> questions = new ArrayList<>(RetrievalQualityTest.QUESTIONS.keySet());
        try (var files = Files.walk(LocalServer.KNOWLEDGE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("## ")) {
                        String topic = line.substring(3).toLowerCase(Locale.ROOT);
                        TEMPLATES.forEach(template -> questions.add(template.formatted(topic)));
                    }
                }
            }
        }
        return questions;
    }

    private static long startToReadyMs(Path cache) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.glassbox.server.Main");
        builder.environment().put("GLASSBOX_PORT", "0");
        builder.environment().put("GLASSBOX_KNOWLEDGE_DIR", LocalServer.KNOWLEDGE.toString());
        builder.environment().put("GLASSBOX_CACHE_DIR", cache.toString());
        builder.redirectErrorStream(true);
        long started = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains("Glassbox is ready")) {
                    return (System.nanoTime() - started) / 1_000_000;
                }
            }
            throw new IllegalStateException("the server exited before it was ready");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s over %d questions: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", name,
                sorted.length, percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1e6;
    }
}

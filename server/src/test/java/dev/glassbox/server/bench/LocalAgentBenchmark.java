package dev.glassbox.server.bench;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.server.LocalServer;
import dev.glassbox.server.local.knowledge.Embedder;
import dev.glassbox.server.local.knowledge.RetrievalQualityTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measures the local agent: server start to ready in a fresh JVM (wall time and CPU time) with a
 * cold and twice with a warm embedding cache; first-token and retrieval latency over 200 distinct
 * questions asked one after another through a real WebSocket (retrieval includes embedding the
 * question: no question repeats, so none comes from the cache); and first-token latency when
 * {@value #CONCURRENT} sockets ask at once, with the CPU that burst cost by kind of work and Vert.x's
 * blocked-thread warnings counted: once with the clients in this JVM, once with them in a JVM of their own
 * (then three times on one server: its first questions, and two bursts after them).
 * Run with {@code mvn -q -B -Pbenchmark -DskipTests verify}; not part of the test suite.
 */
public final class LocalAgentBenchmark {
    private static final int WARM_UP = 50;
    private static final int MEASURED = 200;
    static final int CONCURRENT = 300;
    private static final List<String> TEMPLATES = List.of("What about %s?", "Tell me about %s.",
            "How does Glassbox handle %s?", "Explain %s.", "What should I know about %s?");

    private LocalAgentBenchmark() {
    }

    /**
     * @param args the parts to run, any of {@code start}, {@code sequential}, {@code concurrent} (clients in this
     *             JVM), {@code concurrent-apart} (clients in a JVM of their own); none = all
     */
    public static void main(String[] args) throws Exception {
        Set<String> parts = args.length == 0 ? Set.of("start", "sequential", "concurrent", "concurrent-apart")
                : Set.of(args);
        // The in-process servers would log a line per answer, burying the figures.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.out.printf(Locale.ROOT, "Local agent benchmark on %d cores, %s; load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.version"), Files.readString(Path.of("/proc/loadavg")).strip());
        if (parts.contains("start")) {
            Path cache = Files.createTempDirectory("glassbox-bench-cache");
            System.out.printf(Locale.ROOT, "start to ready, cold cache: %s%n", startToReady(cache));
            System.out.printf(Locale.ROOT, "start to ready, warm cache: %s%n", startToReady(cache));
            System.out.printf(Locale.ROOT, "start to ready, warm cache again: %s%n", startToReady(cache));
        }
        BlockedThreadWarnings blocked = BlockedThreadWarnings.install();
        if (parts.contains("sequential")) {
            measureAnswers();
        }
        if (parts.contains("concurrent")) {
            measureConcurrentAsks();
        }
        if (parts.contains("concurrent-apart")) {
            measureConcurrentAsksApart();
        }
        System.out.printf(Locale.ROOT, "Vert.x blocked-thread warnings: %d%n", blocked.count());
        System.out.printf(Locale.ROOT, "load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        System.exit(0);
    }

    /**
     * {@value #CONCURRENT} sockets each ask a different question at the same moment, as the server's first questions;
     * the clients run in this JVM, beside the server.
     */
    private static void measureConcurrentAsks() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of());
             AskBurst clients = new AskBurst(server.port(), CONCURRENT)) {
            double cpuBefore = ServerProcess.cpuSeconds(ProcessHandle.current().pid());
            ThreadCpu threadsBefore = ThreadCpu.snapshot();
            double embeddingBefore = Embedder.questionCpuSeconds();
            long runsBefore = Embedder.questionRuns();
            // Not asked before in this server: each needs its own embedding.
            AskBurst.Result result = clients.ask("c", burstQuestions(""));
            report(CONCURRENT + " concurrent asks, first token (client-measured)", result.firstToken());
            // Server and clients share this JVM: the CPU each ask cost them, until every answer ended.
            reportCpu("server and clients", ServerProcess.cpuSeconds(ProcessHandle.current().pid()) - cpuBefore,
                    threadsBefore, embeddingBefore, runsBefore, result.errors());
        }
    }

    /**
     * As {@link #measureConcurrentAsks}, with the clients in a JVM of their own, three times on one server: a burst
     * of the server's first questions (its code not yet compiled by the JIT), then, each once every answer of the
     * one before has ended, two bursts of {@value #CONCURRENT} other questions. The CPU figures are the server's.
     */
    private static void measureConcurrentAsksApart() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of());
             AskBurst.Apart clients = new AskBurst.Apart(server.port(), CONCURRENT)) {
            for (String burst : List.of("first", "second", "third")) {
                // The first burst asks what measureConcurrentAsks does; the others, other questions.
                String tag = burst.equals("first") ? "" : burst.substring(0, 1);
                double cpuBefore = ServerProcess.cpuSeconds(ProcessHandle.current().pid());
                double clientsBefore = clients.cpuSeconds();
                ThreadCpu threadsBefore = ThreadCpu.snapshot();
                double embeddingBefore = Embedder.questionCpuSeconds();
                long runsBefore = Embedder.questionRuns();
                Map<String, Long> allocatedBefore = allocated();
                AskBurst.Result result = clients.ask(burst, burstQuestions(tag));
                report(CONCURRENT + " concurrent asks, clients in their own JVM, " + burst + " burst, first token "
                        + "(client-measured)", result.firstToken());
                reportCpu("the server", ServerProcess.cpuSeconds(ProcessHandle.current().pid()) - cpuBefore,
                        threadsBefore, embeddingBefore, runsBefore, result.errors());
                Map<String, Long> allocatedAfter = allocated();
                StringBuilder allocation = new StringBuilder("  allocated per answer:");
                allocatedAfter.forEach((work, bytes) -> allocation.append(String.format(Locale.ROOT, " %s %.0f KB;", work,
                        (bytes - allocatedBefore.getOrDefault(work, 0L)) / 1024.0 / CONCURRENT)));
                System.out.println(allocation);
                System.out.printf(Locale.ROOT, "  the clients' JVM meanwhile: %.1f ms per answer%n",
                        (clients.cpuSeconds() - clientsBefore) * 1000 / CONCURRENT);
            }
        }
    }

    /**
     * Bytes this JVM's live threads have allocated so far, by what they do: the planners, the event loops, the rest.
     * Allocation drives garbage collection, and memory written fresh evicts the model's working set from the caches.
     */
    private static Map<String, Long> allocated() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Long> byWork = new LinkedHashMap<>(Map.of("planners", 0L, "event loops", 0L, "other threads", 0L));
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            long bytes = thread == null ? -1 : threads.getThreadAllocatedBytes(thread.getThreadId());
            if (bytes >= 0) {
                String name = thread.getThreadName();
                String work = name.startsWith("glassbox-planner") ? "planners"
                        : name.startsWith("vert.x-eventloop") ? "event loops" : "other threads";
                byWork.merge(work, bytes, Long::sum);
            }
        }
        return byWork;
    }

    /** One question for each of {@value #CONCURRENT} sockets, each made distinct by {@code tag} and its number. */
    private static List<String> burstQuestions(String tag) throws Exception {
        List<String> questions = questions();
        List<String> burstQuestions = new ArrayList<>();
        for (int i = 0; i < CONCURRENT; i++) {
            burstQuestions.add(questions.get(i % questions.size()) + " (" + tag + i + ")");
        }
        return burstQuestions;
    }

    /** The CPU a burst cost this JVM until every answer ended, per answer and by kind of work. */
    private static void reportCpu(String who, double cpuUsed, ThreadCpu threadsBefore, double embeddingBefore,
                                  long runsBefore, int errors) {
        System.out.printf(Locale.ROOT, "answers that ended in an error: %d; CPU used by %s until all %d answers "
                + "ended: %.2f s, %.1f ms per answer%n", errors, who, CONCURRENT, cpuUsed, cpuUsed * 1000 / CONCURRENT);
        double javaThreads = 0;
        for (Map.Entry<String, Double> work : threadsBefore.byWorkSince().entrySet()) {
            double seconds = work.getValue();
            javaThreads += seconds;
            System.out.printf(Locale.ROOT, "  of which %s: %.1f ms per answer%n", work.getKey(),
                    seconds * 1000 / CONCURRENT);
        }
        // The planners embed the questions they take up: that part of their time, as the embedder measured it.
        double embedding = Embedder.questionCpuSeconds() - embeddingBefore;
        long runs = Embedder.questionRuns() - runsBefore;
        System.out.printf(Locale.ROOT, "    (the planners' time includes embedding the questions: %.1f ms per answer, "
                + "%d model runs, %.2f ms each)%n", embedding * 1000 / CONCURRENT, runs,
                runs == 0 ? 0 : embedding * 1000 / runs);
        System.out.printf(Locale.ROOT, "  of which the JVM's own threads (garbage collection, JIT compilers) and "
                + "threads that ended: %.1f ms per answer (the JIT compilers worked %.1f ms per answer)%n",
                (cpuUsed - javaThreads) * 1000 / CONCURRENT, threadsBefore.compilingSince() * 1000 / CONCURRENT);
    }

    private static void measureAnswers() throws Exception {
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of(
                "GLASSBOX_ASK_BURST", "1000", "GLASSBOX_ASKS_PER_MINUTE", "6000"))) {
            Vertx clients = Vertx.vertx();
            List<String> questions = questions();
            if (questions.size() < WARM_UP + MEASURED) {
                throw new IllegalStateException("only " + questions.size() + " distinct questions");
            }
            long[] firstToken = new long[MEASURED];
            long[] retrieval = new long[MEASURED];
            try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
                for (int i = 0; i < WARM_UP + MEASURED; i++) {
                    String id = "b" + i;
                    long sent = System.nanoTime();
                    client.ask(id, questions.get(i));
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
            report("retrieval incl. embedding the question (server-measured, ms resolution)", retrieval);
        }
    }

    /** The retrieval-quality questions, then each template applied to every heading of the knowledge base; no repeats. */
    private static List<String> questions() throws Exception {
        Set<String> questions = new LinkedHashSet<>(RetrievalQualityTest.QUESTIONS.keySet());
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
        return new ArrayList<>(questions);
    }

    /** Wall time from launching a JVM to the ready line, and the CPU time that JVM used to get there. */
    private static String startToReady(Path cache) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                ServerProcess.SERVER_HEAP, "-cp", System.getProperty("java.class.path"), "dev.glassbox.server.Main");
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
                    long wallMs = (System.nanoTime() - started) / 1_000_000;
                    return String.format(Locale.ROOT, "%d ms wall, %.2f CPU-seconds", wallMs,
                            ServerProcess.cpuSeconds(process.pid()));
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
        System.out.printf(Locale.ROOT, "%s over %d questions: p50 %.1f ms, p99 %.1f ms, max %.1f ms (min %.1f, p10 "
                + "%.1f, p25 %.1f, p75 %.1f ms)%n", name, sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1] / 1e6, sorted[0] / 1e6, percentile(sorted, 10), percentile(sorted, 25),
                percentile(sorted, 75));
    }

    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1e6;
    }
}

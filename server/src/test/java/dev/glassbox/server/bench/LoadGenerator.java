package dev.glassbox.server.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Load on loopback: starts a server in its own JVM (Glassbox with the paced backend, or the bare
 * writer as the ceiling), opens N WebSockets that ask M questions each, and reports completed
 * answers, errors by code, first-token and relay latency, events per second, and the server's heap
 * and RSS before and after. With {@code --idle N} it measures the heap of idle sockets instead; with
 * {@code --soak-seconds} the sockets keep asking, drop their connection at random and resume, and
 * every lost or repeated event is counted. Bounded by {@code --max-seconds}.
 *
 * <p>{@code mvn -q -B -Pload -DskipTests verify -Dload.args="--sockets 1000 --asks 3"}
 */
public final class LoadGenerator {

    record Options(String target, int sockets, int asks, int tokens, int rate, long coalesceMs, int idle,
                   long soakSeconds, long dropEveryMs, long maxSeconds, long rampMs, int eventLoops, int port, int warmupAsks,
                   int warmupRounds) {

        private static final java.util.Set<String> NAMES = java.util.Set.of("target", "sockets", "asks", "tokens",
                "rate", "coalesce-ms", "idle", "soak-seconds", "drop-every-ms", "max-seconds", "ramp-ms",
                "event-loops", "port", "warmup-asks", "warmup-rounds");

        /** "--name value" pairs; a mistyped name or a missing value is refused, never silently ignored. */
        static Options parse(String[] args) {
            java.util.Map<String, String> given = new java.util.HashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i].replaceFirst("^--", "");
                if (!args[i].startsWith("--") || !NAMES.contains(name) || i + 1 == args.length) {
                    throw new IllegalArgumentException("load generator: '" + args[i] + "' is not an option with a "
                            + "value; the options are --" + String.join(", --", new java.util.TreeSet<>(NAMES)));
                }
                given.put(name, args[i + 1]);
            }
            return new Options(given.getOrDefault("target", "glassbox"),
                    Integer.parseInt(given.getOrDefault("sockets", "100")),
                    Integer.parseInt(given.getOrDefault("asks", "3")),
                    Integer.parseInt(given.getOrDefault("tokens", "200")),
                    Integer.parseInt(given.getOrDefault("rate", "20")),
                    Long.parseLong(given.getOrDefault("coalesce-ms", "0")),
                    Integer.parseInt(given.getOrDefault("idle", "0")),
                    Long.parseLong(given.getOrDefault("soak-seconds", "0")),
                    Long.parseLong(given.getOrDefault("drop-every-ms", "3000")),
                    Long.parseLong(given.getOrDefault("max-seconds", "120")),
                    Long.parseLong(given.getOrDefault("ramp-ms", "2000")),
                    Integer.parseInt(given.getOrDefault("event-loops",
                            String.valueOf(Runtime.getRuntime().availableProcessors()))),
                    Integer.parseInt(given.getOrDefault("port", "0")),
                    Integer.parseInt(given.getOrDefault("warmup-asks", "2")),
                    Integer.parseInt(given.getOrDefault("warmup-rounds", "2")));
        }
    }

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.printf(Locale.ROOT, "Load: %s%n", options);
        System.out.printf(Locale.ROOT, "machine: %d cores, %s %s; load average before: %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), loadAverage());
        try (ServerProcess server = ServerProcess.start(options)) {
            Thread.sleep(1_000);
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setMaxConnections(Math.max(options.sockets(), options.idle()) + 10)
                    .setConnectTimeout(30_000));
            if (options.idle() == 0 && options.soakSeconds() == 0 && options.warmupAsks() > 0) {
                warmUp(vertx, client, server.port(), options);
            }
            ServerProcess.Memory before = server.memory();
            double cpuBefore = server.cpuSeconds();
            Map<String, Double> threadCpuBefore = server.cpuSecondsByThread();
            double clientCpuBefore = ServerProcess.cpuSeconds(ProcessHandle.current().pid());
            LoadStats stats = new LoadStats();
            long started = System.nanoTime();
            if (options.idle() > 0) {
                idle(vertx, client, server.port(), options, stats);
            } else {
                visit(vertx, client, server.port(), options, stats, options.asks());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = server.cpuSeconds() - cpuBefore;
            Map<String, Double> threadCpu = new TreeMap<>(server.cpuSecondsByThread());
            threadCpuBefore.forEach((kind, spent) -> threadCpu.merge(kind, -spent, Double::sum));
            double clientCpu = ServerProcess.cpuSeconds(ProcessHandle.current().pid()) - clientCpuBefore;
            long peakRss = server.peakRssBytes();
            String loadAfter = loadAverage();
            ServerProcess.Memory after = server.memory();
            stats.report(seconds, before, after, options);
            stats.reportServerCost(cpu, threadCpu, peakRss);
            // The client shares the machine's cores: what it spent is CPU the server could not have.
            System.out.printf(Locale.ROOT, "client CPU %.2f s%n", clientCpu);
            System.out.printf(Locale.ROOT, "load average after: %s%n", loadAfter);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /**
     * Runs as many sockets as the measured run through {@code --warmup-asks} questions each (by default a
     * question and a follow-up, as the measured run asks), not counted, {@code --warmup-rounds} times, so that both targets are measured with JIT-compiled code:
     * a cold JVM's first seconds, where every server (the bare writer too) queues tokens for seconds,
     * would otherwise decide the p99. One round is not enough: its sockets all close at its end, a path
     * the JIT has not seen by then, so it throws away the compiled code of every frame written (the close
     * frame goes through it too) and would compile it again during the measured run. A second round
     * recompiles it with the close included, as the measured run's own sockets will need it.
     */
    private static void warmUp(Vertx vertx, WebSocketClient client, int port, Options options) throws Exception {
        for (int round = 1; round <= options.warmupRounds(); round++) {
            LoadStats warmup = new LoadStats();
            long started = System.nanoTime();
            visit(vertx, client, port, options, warmup, options.warmupAsks());
            System.out.printf(Locale.ROOT, "warm-up round %d of %d (not counted): %d answers completed in %.1f s, "
                            + "errors by code %s, relay %s%n", round, options.warmupRounds(), warmup.completedAnswers(),
                    (System.nanoTime() - started) / 1e9, warmup.errorsByCode(), warmup.relaySummary());
            Thread.sleep(2_000);
        }
    }

    /**
     * Opens the sockets over the ramp; each asks {@code asks} questions, or soaks; waits until all
     * finished or {@code --max-seconds}. Then the sockets still open cancel their answer and close,
     * so that a warm-up cut short leaves the server no work that would overlap the measured run.
     */
    private static void visit(Vertx vertx, WebSocketClient client, int port, Options options, LoadStats stats,
                              int asks) throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(options.sockets());
        java.util.List<Visitor> visitors = new java.util.ArrayList<>();
        for (int i = 0; i < options.sockets(); i++) {
            Visitor visitor = new Visitor(vertx, client, port, options, asks, stats, i, finished);
            visitors.add(visitor);
            vertx.setTimer(1 + options.rampMs() * i / Math.max(1, options.sockets()), t -> visitor.connect());
        }
        if (!finished.await(options.maxSeconds(), TimeUnit.SECONDS)) {
            System.out.println("stopped at --max-seconds before every socket finished");
            visitors.forEach(Visitor::abandon);
            Thread.sleep(2_000);
        }
    }

    private static void idle(Vertx vertx, WebSocketClient client, int port, Options options, LoadStats stats)
            throws Exception {
        CountDownLatch open = new CountDownLatch(options.idle());
        for (int i = 0; i < options.idle(); i++) {
            client.connect(connectOptions(port)).onComplete(result -> {
                if (result.succeeded()) {
                    stats.opened();
                } else {
                    stats.error("connect_failed");
                }
                open.countDown();
            });
        }
        open.await(options.maxSeconds(), TimeUnit.SECONDS);
        Thread.sleep(3_000);
    }

    /** The 1, 5 and 15 minute load averages: how busy the machine was, the load run included. */
    private static String loadAverage() throws java.io.IOException {
        String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    static WebSocketConnectOptions connectOptions(int port) {
        return new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws");
    }

    /** One simulated visitor: asks its questions one after another, and in soak mode drops and resumes. */
    private static final class Visitor {
        private final Vertx vertx;
        private final WebSocketClient client;
        private final int port;
        private final Options options;
        private final int asks;
        private final LoadStats stats;
        private final int number;
        private final CountDownLatch finished;
        private final long soakUntil;
        private volatile WebSocket socket;
        private String sessionId;
        private volatile String answerId;
        private long lastSeq;
        private long sentNanos;
        private boolean sawToken;
        private StringBuilder text;
        private int asked;
        private volatile boolean done;

        Visitor(Vertx vertx, WebSocketClient client, int port, Options options, int asks, LoadStats stats,
                int number, CountDownLatch finished) {
            this.vertx = vertx;
            this.client = client;
            this.port = port;
            this.options = options;
            this.asks = asks;
            this.stats = stats;
            this.number = number;
            this.finished = finished;
            this.soakUntil = options.soakSeconds() > 0 ? System.nanoTime() + options.soakSeconds() * 1_000_000_000L : 0;
        }

        void connect() {
            client.connect(connectOptions(port)).onSuccess(ws -> {
                socket = ws;
                stats.opened();
                ws.textMessageHandler(this::onMessage);
                ws.closeHandler(v -> stats.closed(ws.closeStatusCode()));
                if (answerId == null) {
                    askNext();
                } else {
                    // Back after a drop: ask for everything after the last event seen.
                    ws.writeTextMessage(new JsonObject().put("action", "resume").put("id", answerId)
                            .put("sessionId", sessionId).put("after", lastSeq).encode());
                }
                scheduleDrop(ws);
            }).onFailure(e -> {
                stats.error("connect_failed");
                finish();
            });
        }

        private void scheduleDrop(WebSocket ws) {
            if (soakUntil == 0) {
                return;
            }
            long delay = 1 + ThreadLocalRandom.current().nextLong(2 * options.dropEveryMs());
            vertx.setTimer(delay, t -> {
                if (socket == ws && !done) {
                    stats.reconnect();
                    socket = null;
                    ws.close().onComplete(x -> connect());
                }
            });
        }

        private void askNext() {
            if (socket == null) {
                answerId = null; // between a drop and its reconnect: the reconnect asks anew
                return;
            }
            boolean more = soakUntil > 0 ? System.nanoTime() < soakUntil : asked < asks;
            if (!more) {
                finish();
                return;
            }
            answerId = "v" + number + "-" + asked++;
            lastSeq = -1;
            sawToken = false;
            text = new StringBuilder();
            sentNanos = System.nanoTime();
            JsonObject ask = new JsonObject().put("action", "ask").put("id", answerId).put("text", "load " + asked);
            if (sessionId != null) {
                ask.put("sessionId", sessionId);
            }
            socket.writeTextMessage(ask.encode());
        }

        private void onMessage(String frame) {
            long now = System.nanoTime();
            JsonObject event = new JsonObject(frame);
            stats.event();
            if (!event.containsKey("seq")) {
                stats.error(event.getString("code", event.getString("type")));
                long wait = event.getLong("retryAfterMs", 1_000L);
                vertx.setTimer(Math.max(1, wait), t -> askNext());
                return;
            }
            long seq = event.getLong("seq");
            if (seq <= lastSeq) {
                stats.duplicate();
                return;
            }
            if (seq != lastSeq + 1) {
                stats.lost(seq - lastSeq - 1);
            }
            lastSeq = seq;
            switch (event.getString("type")) {
                case "start" -> sessionId = event.getString("sessionId");
                case "token" -> {
                    String tokens = event.getString("text");
                    text.append(tokens);
                    if (!sawToken) {
                        sawToken = true;
                        stats.firstToken(now - sentNanos);
                    }
                    if (tokens.startsWith("t")) {
                        int end = tokens.indexOf('x') > 0 ? tokens.indexOf('x') : tokens.indexOf(' ');
                        stats.relay(now - Long.parseLong(tokens.substring(1, end)));
                    }
                }
                case "done" -> {
                    if (event.containsKey("text") && !event.getString("text").contentEquals(text)) {
                        stats.textMismatch();
                    }
                    stats.completed();
                    askNext();
                }
                case "error" -> {
                    stats.error(event.getString("code"));
                    askNext();
                }
                default -> { }
            }
        }

        /** Cancels the running answer, if any, and closes the socket; called from outside the event loop at the end. */
        synchronized void abandon() {
            WebSocket ws = socket;
            if (ws != null && !done && answerId != null) {
                ws.writeTextMessage(new JsonObject().put("action", "cancel").put("id", answerId).encode());
            }
            finish();
        }

        private synchronized void finish() {
            if (!done) {
                done = true;
                if (socket != null) {
                    socket.close();
                }
                finished.countDown();
            }
        }
    }
}

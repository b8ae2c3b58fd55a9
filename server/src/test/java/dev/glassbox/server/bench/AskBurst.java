package dev.glassbox.server.bench;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sockets open on one server that each ask one question at the same moment, and when each answer's first token
 * arrived. Runs in the benchmark's JVM, or ({@link Apart}) in a JVM of its own that the benchmark drives through
 * its standard input and output, so the clients' allocation, garbage collection and JIT compilation do not
 * count as the server's (on a machine as small as the benchmark's, their CPU is still taken from the server).
 *
 * <p>The clients do as little as a client can: every question is written at once (none waits for the one before to
 * be written), and a frame is not parsed as JSON: its type is read from its start ({@code {"type":"…"}}, as the
 * server writes every event) and the moment it arrived is taken before anything else. A client that parses every
 * frame takes CPU from the server it measures (1 to 5 ms per answer, measured on 2026-12-02) and stamps a frame
 * only after parsing it and every frame queued before it.
 */
final class AskBurst implements AutoCloseable {
    /** What a burst gave: each socket's first-token latency in nanoseconds, and the answers that ended in error. */
    record Result(long[] firstToken, int errors) {
    }

    /** How long a burst may take: the last of its answers waits for every plan before it. */
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String TYPE = "{\"type\":\"";
    private static final String ID = ",\"id\":\"";

    private final Vertx clients = Vertx.vertx();
    private final List<Socket> sockets = new ArrayList<>();

    AskBurst(int port, int count) throws Exception {
        // One client for all: Vert.x lets a client hold 50 sockets to a server unless told more.
        WebSocketClient client = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(count));
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            ProtocolClient.await(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port)
                    .setURI("/ws")).map(socket::listen), Duration.ofSeconds(30));
            sockets.add(socket);
        }
    }

    /** Asks {@code questions.get(i)} on socket i, all at once, and waits until every answer has ended. */
    Result ask(String burst, List<String> questions) throws Exception {
        List<Future<Void>> ended = new ArrayList<>();
        for (int i = 0; i < sockets.size(); i++) {
            ended.add(sockets.get(i).ask(burst + i, questions.get(i)));
        }
        ProtocolClient.await(Future.all(ended), WAIT);
        long[] firstToken = new long[sockets.size()];
        int errors = 0;
        for (int i = 0; i < sockets.size(); i++) {
            Socket socket = sockets.get(i);
            firstToken[i] = socket.firstToken < 0 ? -1 : socket.firstToken - socket.sent;
            errors += socket.errors;
        }
        return new Result(firstToken, errors);
    }

    @Override
    public void close() throws Exception {
        for (Socket socket : sockets) {
            socket.webSocket.close();
        }
        LocalServer.await(clients.close(), Duration.ofSeconds(10));
    }

    /** One client's socket and its current question; touched only on its event loop once the question is written. */
    private static final class Socket {
        private WebSocket webSocket;
        private volatile String id;
        private volatile long sent;
        private volatile long firstToken;
        private volatile int errors;
        private volatile Promise<Void> ended;

        private WebSocket listen(WebSocket socket) {
            webSocket = socket;
            socket.textMessageHandler(this::received);
            socket.closeHandler(v -> {
                Promise<Void> waiting = ended;
                if (waiting != null) {
                    waiting.tryFail("the server closed the socket");
                }
            });
            return socket;
        }

        Future<Void> ask(String askId, String question) {
            Promise<Void> promise = Promise.promise();
            id = askId;
            firstToken = -1;
            errors = 0;
            ended = promise;
            sent = System.nanoTime();
            webSocket.writeTextMessage(new JsonObject().put("action", "ask").put("id", askId).put("text", question)
                    .encode()).onFailure(promise::tryFail);
            return promise.future();
        }

        private void received(String frame) {
            long now = System.nanoTime();
            String type;
            String answer;
            int typeEnd = frame.startsWith(TYPE) ? frame.indexOf('"', TYPE.length()) : -1;
            if (typeEnd > 0 && frame.startsWith(ID, typeEnd + 1)) {
                type = frame.substring(TYPE.length(), typeEnd);
                int idStart = typeEnd + 1 + ID.length();
                answer = frame.substring(idStart, frame.indexOf('"', idStart));
            } else {
                JsonObject event = new JsonObject(frame); // not as the server writes its events: read it all
                type = String.valueOf(event.getString("type"));
                answer = event.getString("id");
            }
            String asked = id;
            if (asked == null || !asked.equals(answer)) {
                return; // not this burst's answer
            }
            if (firstToken < 0 && type.equals("token")) {
                firstToken = now;
            }
            if (type.equals("error")) {
                errors++;
            }
            if (type.equals("done") || type.equals("error")) {
                ended.tryComplete();
            }
        }
    }

    /**
     * The clients' JVM: {@code port count}; prints {@code connected} once its sockets are open, then for each
     * {@code burst <name>} line and the {@code count} question lines after it asks them and prints
     * {@code result <errors> <first-token nanos>...}; ends at {@code exit}.
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (AskBurst burst = new AskBurst(Integer.parseInt(args[0]), count)) {
            out.println("connected");
            out.flush();
            String command;
            while ((command = in.readLine()) != null && command.startsWith("burst ")) {
                List<String> questions = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    questions.add(in.readLine());
                }
                Result result = burst.ask(command.substring("burst ".length()), questions);
                StringBuilder line = new StringBuilder("result ").append(result.errors());
                Arrays.stream(result.firstToken()).forEach(nanos -> line.append(' ').append(nanos));
                out.println(line);
                out.flush();
            }
        }
        System.exit(0);
    }

    /** An {@link AskBurst} in a JVM of its own on this machine, with the same classpath and heap as the server's. */
    static final class Apart implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;
        private final int count;

        Apart(int port, int count) throws IOException {
            this.count = count;
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    ServerProcess.SERVER_HEAP, "-cp", System.getProperty("java.class.path"), AskBurst.class.getName(),
                    String.valueOf(port), String.valueOf(count))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            expect("connected");
        }

        Result ask(String burst, List<String> questions) throws IOException {
            in.println("burst " + burst);
            questions.forEach(question -> in.println(question.replace('\n', ' ')));
            String[] result = expect("result ").split(" ");
            long[] firstToken = new long[count];
            for (int i = 0; i < count; i++) {
                firstToken[i] = Long.parseLong(result[i + 2]);
            }
            return new Result(firstToken, Integer.parseInt(result[1]));
        }

        /** CPU seconds the clients' JVM has used so far. */
        double cpuSeconds() throws IOException {
            return ServerProcess.cpuSeconds(process.pid());
        }

        private String expect(String start) throws IOException {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(start)) {
                    return line;
                }
            }
            throw new IOException("the clients' JVM ended before it printed " + start.strip());
        }

        @Override
        public void close() throws InterruptedException {
            in.println("exit");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
            }
        }
    }
}

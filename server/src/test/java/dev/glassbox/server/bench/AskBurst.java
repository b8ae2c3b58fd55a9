package dev.glassbox.server.bench;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
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
 */
final class AskBurst implements AutoCloseable {
    /** What a burst gave: each socket's first-token latency in nanoseconds, and the answers that ended in error. */
    record Result(long[] firstToken, int errors) {
    }

    /** How long an answer may go without an event: the last of a burst waits for every plan before it. */
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Vertx clients = Vertx.vertx();
    private final List<ProtocolClient> sockets = new ArrayList<>();

    AskBurst(int port, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            sockets.add(ProtocolClient.connect(clients, port));
        }
    }

    /** Asks {@code questions.get(i)} on socket i, all at once, and waits until every answer has ended. */
    Result ask(String burst, List<String> questions) throws Exception {
        long[] sent = new long[sockets.size()];
        for (int i = 0; i < sockets.size(); i++) {
            sent[i] = System.nanoTime();
            sockets.get(i).ask(burst + i, questions.get(i));
        }
        long[] firstToken = new long[sockets.size()];
        int errors = 0;
        for (int i = 0; i < sockets.size(); i++) {
            firstToken[i] = -1;
            for (ProtocolClient.Received received : sockets.get(i).untilEndReceived(burst + i, WAIT)) {
                String type = received.event().getString("type");
                if (firstToken[i] < 0 && type.equals("token")) {
                    firstToken[i] = received.nanos() - sent[i];
                }
                errors += type.equals("error") ? 1 : 0;
            }
        }
        return new Result(firstToken, errors);
    }

    @Override
    public void close() throws Exception {
        for (ProtocolClient socket : sockets) {
            socket.close();
        }
        LocalServer.await(clients.close(), Duration.ofSeconds(10));
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

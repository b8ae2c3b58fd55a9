package dev.glassbox.redteam;

import dev.glassbox.core.testing.HeapProbe;
import dev.glassbox.core.testing.RawHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged jar in a JVM of its own under the heap the red team allows it, G1 chosen so its heap
 * can be read from outside. Keeps the last lines it printed, for failure messages.
 */
final class Launched implements AutoCloseable {
    static final String HEAP = "-Xmx256m";
    private static final int KEPT_LINES = 200;

    private final Process process;
    private final Deque<String> lines = new ArrayDeque<>();

    private Launched(Process process) {
        this.process = process;
        // A suite cut off by its time limit must not leave a JVM under attack behind.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        Thread reader = new Thread(this::keepOutput, "redteam-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java -Xmx256m -XX:+UseG1GC ARGS} with this JVM's environment, its GLASSBOX_* settings replaced by {@code env}. */
    static Launched java(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), HEAP, "-XX:+UseG1GC"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only the settings the suite chooses: none of this machine's.
        builder.environment().keySet().removeIf(name -> name.startsWith("GLASSBOX_"));
        builder.environment().putAll(env);
        return new Launched(builder.start());
    }

    /** The jar a module packaged, as the build tells the suite where it is. */
    static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "missing: run through Maven"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(property + ": no packaged jar at " + jar + "; run ./mvnw -B verify");
        }
        return jar;
    }

    /** A knowledge folder of one file, about a bakery: "Which bread does the bakery sell?" is answered "rye". */
    static Path bakeryFolder(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("bakery.md"), "# Bakery\n\nThe bakery sells rye bread and poppy seed rolls.\n");
        return folder;
    }

    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** Waits up to 150 s for a GET of {@code path} to be answered with {@code statusLine}; fails if the process ends. */
    void awaitAnswer(int port, String path, String statusLine) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 150_000;
        while (!probe(port, path).startsWith(statusLine)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + statusLine + " for " + path + "; the process printed:\n" + output());
            }
            Thread.sleep(500);
        }
    }

    /** GET {@code path}: the raw answer, or "" while nothing listens yet. */
    private static String probe(int port, String path) {
        try {
            return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        } catch (IOException notYet) {
            return "";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long heapAfterGc() throws IOException, InterruptedException {
        return HeapProbe.usedAfterGc(process.pid());
    }

    /** Waits for the process to end by itself; its exit code, or null if it is still running. */
    Integer exitWithin(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    private void keepOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (this) {
                    lines.addLast(line.length() > 500 ? line.substring(0, 500) + "…" : line);
                    if (lines.size() > KEPT_LINES) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

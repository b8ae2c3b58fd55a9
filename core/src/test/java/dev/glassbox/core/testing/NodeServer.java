package dev.glassbox.core.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Assumptions;

/**
 * A real server from npm (installed in test-tools by .ci/run), such as s3rver or dynalite, in its own
 * process on a free loopback port. Outside CI the tests that need it are skipped when it is not installed.
 */
public final class NodeServer implements AutoCloseable {
    private static final Path TOOLS = Path.of("..", "test-tools", "node_modules");

    private final Process process;
    private final int port;

    private NodeServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code script}, relative to test-tools/node_modules, with the arguments {@code args}
     * makes for the port it must listen on, and waits until the port accepts connections.
     */
    public static NodeServer start(String script, IntFunction<List<String>> args)
            throws IOException, InterruptedException {
        Path path = TOOLS.resolve(script);
        if (!Files.exists(path)) {
            String reason = script + " is not installed: run npm ci in test-tools (.ci/run does)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of("node", path.toString()));
        command.addAll(args.apply(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new NodeServer(process, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not start on port " + port);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}

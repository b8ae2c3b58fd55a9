package dev.glassbox.infra.sync;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * s3rver, a real S3 implementation (npm, installed in test-tools by .ci/run), in its own process on
 * loopback, with one bucket. Outside CI the tests that need it are skipped when it is not installed.
 */
final class S3rver implements AutoCloseable {
    static final Path SCRIPT = Path.of("..", "test-tools", "node_modules", "s3rver", "bin", "s3rver.js");
    /** s3rver's fixed credentials. */
    static final String KEY = "S3RVER";

    private final Process process;
    private final int port;

    private S3rver(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3rver start(String bucket) throws IOException, InterruptedException {
        if (!Files.exists(SCRIPT)) {
            String reason = "s3rver is not installed: run npm ci in test-tools (.ci/run does)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path data = Files.createTempDirectory("s3rver");
        Process process = new ProcessBuilder("node", SCRIPT.toString(), "-d", data.toString(), "-a", "127.0.0.1",
                "-p", String.valueOf(port), "--silent", "--configure-bucket", bucket)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new S3rver(process, port);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("s3rver did not start on port " + port);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}

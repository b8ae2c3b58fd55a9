package dev.glassbox.infra.sync;

import dev.glassbox.core.testing.NodeServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** s3rver, a real S3 implementation, in its own process on loopback, with one bucket. */
final class S3rver implements AutoCloseable {
    /** s3rver's fixed credentials. */
    static final String KEY = "S3RVER";

    private final NodeServer server;

    private S3rver(NodeServer server) {
        this.server = server;
    }

    static S3rver start(String bucket) throws IOException, InterruptedException {
        Path data = Files.createTempDirectory("s3rver");
        return new S3rver(NodeServer.start("s3rver/bin/s3rver.js", port -> List.of("-d", data.toString(),
                "-a", "127.0.0.1", "-p", String.valueOf(port), "--silent", "--configure-bucket", bucket)));
    }

    URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void close() throws InterruptedException {
        server.close();
    }
}

package dev.glassbox.core.guard;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ConnectionGuardTest {
    private static final Logger GUARD_LOG = Logger.getLogger(ConnectionGuard.class.getName());

    /** A client connecting in a loop past its limit gets one log line, not one per connection. */
    @Test
    void refusalsInAFloodAreLoggedOnceWithTheirCount() throws Exception {
        Vertx vertx = Vertx.vertx();
        List<LogRecord> lines = new CopyOnWriteArrayList<>();
        // A filter sees every record the logger takes, before any handler.
        GUARD_LOG.setFilter(record -> lines.add(record));
        List<Socket> held = new ArrayList<>();
        try {
            // Two connections per address; h2c off as on the server, so the guard sees a connection when it opens.
            ConnectionGuard guard = new ConnectionGuard(vertx, 100, 2, 60_000);
            HttpServer server = await(vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .connectionHandler(guard).requestHandler(request -> request.response().end())
                    .listen(0, "127.0.0.1"), Duration.ofSeconds(10));
            for (int i = 0; i < 2; i++) {
                held.add(new Socket("127.0.0.1", server.actualPort()));
            }
            for (int i = 0; i < 50; i++) {
                try (Socket refused = new Socket("127.0.0.1", server.actualPort())) {
                    refused.setSoTimeout(10_000);
                    InputStream in = refused.getInputStream();
                    assertThat(in.read()).as("closed at once").isEqualTo(-1);
                }
            }
            List<LogRecord> refusals = lines.stream()
                    .filter(line -> line.getMessage().equals("connection refused: too many open")).toList();
            assertThat(refusals).hasSize(1);
            assertThat(((Map<?, ?>) refusals.get(0).getParameters()[0]).get("refused")).isEqualTo(1L);
        } finally {
            GUARD_LOG.setFilter(null);
            for (Socket socket : held) {
                socket.close();
            }
            await(vertx.close(), Duration.ofSeconds(10));
        }
    }
}

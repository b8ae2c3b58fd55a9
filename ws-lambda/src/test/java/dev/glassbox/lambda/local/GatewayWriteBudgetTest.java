package dev.glassbox.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gateway sockets share one write budget: clients that never read are closed once together they hold it. */
class GatewayWriteBudgetTest {
    private static final int BUDGET = 256 * 1024;
    private final Map<String, GatewaySocket> open = new ConcurrentHashMap<>();
    private final WriteBudget budget = new WriteBudget(BUDGET, open::size);
    private final BlockingQueue<GatewaySocket> accepted = new LinkedBlockingQueue<>();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setSendBufferSize(LocalGateway.SOCKET_BUFFER_BYTES))
                .webSocketHandler(this::accept).listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void accept(ServerWebSocket webSocket) {
        GatewaySocket socket = new GatewaySocket(webSocket, budget);
        open.put("c" + open.size(), socket);
        accepted.add(socket);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void clientsThatNeverReadAreClosedOnceTogetherTheyHoldTheBudgetAndAReaderIsStillServed() throws Exception {
        String post = "{\"type\":\"token\",\"text\":\"" + "x".repeat(30_000) + "\"}";
        List<Socket> clients = new ArrayList<>();
        try {
            List<GatewaySocket> nonReaders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Socket client = connect();
                client.setReceiveBufferSize(4096);
                clients.add(client);
                nonReaders.add(accepted.poll(10, TimeUnit.SECONDS));
            }
            Socket reader = connect();
            clients.add(reader);
            GatewaySocket visitor = accepted.poll(10, TimeUnit.SECONDS);
            Thread draining = new Thread(() -> drain(reader));
            draining.setDaemon(true);
            draining.start();
            int refused = 0;
            for (int round = 0; round < 40; round++) {
                for (GatewaySocket nonReader : nonReaders) {
                    refused += nonReader.send(post) ? 0 : 1;
                }
                assertThat(visitor.send(post)).as("the visitor who reads, round %s", round).isTrue();
                Thread.sleep(20);
            }
            assertThat(refused).as("sends refused to the clients that never read").isPositive();
            assertThat(nonReaders).allSatisfy(socket -> assertThat(socket.isOpen()).isFalse());
            // each queue alone may hold 256 KB: without the shared budget the four would hold about 1 MB
            assertThat(budget.unsent()).isLessThanOrEqualTo(BUDGET + 5L * post.length());
        } finally {
            for (Socket client : clients) {
                client.close();
            }
        }
    }

    private Socket connect() throws Exception {
        Socket client = new Socket();
        client.setReceiveBufferSize(4096);
        client.connect(new InetSocketAddress("127.0.0.1", server.actualPort()));
        client.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] status = client.getInputStream().readNBytes(12);
        assertThat(new String(status, StandardCharsets.US_ASCII)).endsWith("101");
        return client;
    }

    private static void drain(Socket reader) {
        try (InputStream in = reader.getInputStream()) {
            byte[] buffer = new byte[65_536];
            while (in.read(buffer) >= 0) {
                // read everything, as a browser does
            }
        } catch (java.io.IOException closed) {
            // the test is over
        }
    }
}

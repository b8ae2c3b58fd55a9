package dev.glassbox.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.io.DataInputStream;
import java.io.IOException;
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
            int refused = 0;
            for (int round = 0; round < 40; round++) {
                for (GatewaySocket nonReader : nonReaders) {
                    refused += nonReader.send(post) ? 0 : 1;
                }
                assertThat(visitor.send(post)).as("the visitor who has read everything, round %s", round).isTrue();
                // The visitor reads each post before the next is sent, however slowly: no clock decides who keeps up.
                assertThat(readTextFrame(reader.getInputStream())).as("round %s", round).isEqualTo(post);
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
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) { // the whole head: frames follow it
            int next = client.getInputStream().read();
            assertThat(next).as("the handshake's answer").isNotNegative();
            head.append((char) next);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
        return client;
    }

    /** One unmasked text frame from the server, as a browser reads it. */
    private static String readTextFrame(InputStream stream) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        assertThat(in.readUnsignedByte()).as("FIN and the text opcode").isEqualTo(0x81);
        int length = in.readUnsignedByte();
        long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        byte[] payload = new byte[Math.toIntExact(size)];
        in.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}

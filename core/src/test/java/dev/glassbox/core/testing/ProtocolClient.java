package dev.glassbox.core.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client speaking protocol v1, with blocking reads for tests; any server, any path. */
public final class ProtocolClient implements AutoCloseable {

    /** Waits for a Vert.x future from a test thread. */
    public static <T> T await(io.vertx.core.Future<T> future, Duration timeout) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An event and when it arrived ({@link System#nanoTime()}). */
    public record Received(JsonObject event, long nanos) {
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final WebSocketClient client;
    private volatile WebSocket socket;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile Short closeStatus;
    private volatile ProtocolSchemas schemas;

    private ProtocolClient(WebSocketClient client) {
        this.client = client;
    }

    /** Called on the event loop as the connection completes, before any frame can be missed. */
    private WebSocket listen(WebSocket ws) {
        ws.textMessageHandler(text -> received.add(new Received(new JsonObject(text), System.nanoTime())));
        ws.closeHandler(v -> {
            closeStatus = ws.closeStatusCode();
            closed = true;
        });
        socket = ws;
        return ws;
    }

    public static ProtocolClient connect(Vertx vertx, int port) throws Exception {
        return connect(vertx, port, null);
    }

    public static ProtocolClient connect(Vertx vertx, int port, String origin) throws Exception {
        return connect(vertx, port, "/ws", origin);
    }

    public static ProtocolClient connect(Vertx vertx, int port, String path, String origin) throws Exception {
        return connect(vertx.createWebSocketClient(), "localhost", port, path, origin);
    }

    /** Connects from the loopback address {@code from}: to a server, 127.0.0.2 is another client than 127.0.0.1. */
    public static ProtocolClient connectFrom(Vertx vertx, String from, int port, String path, String origin)
            throws Exception {
        return connect(vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(from)), "127.0.0.1",
                port, path, origin);
    }

    private static ProtocolClient connect(WebSocketClient client, String host, int port, String path, String origin)
            throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(host).setPort(port).setURI(path);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        ProtocolClient protocolClient = new ProtocolClient(client);
        await(client.connect(options).map(protocolClient::listen), WAIT);
        return protocolClient;
    }

    /** Asks one question on a fresh connection and returns the answer's events up to its end. */
    public static List<JsonObject> answer(Vertx vertx, int port, String question) throws Exception {
        try (ProtocolClient client = connect(vertx, port)) {
            client.ask("q", question);
            return client.untilEnd("q");
        }
    }

    public void send(String frame) throws Exception {
        await(socket.writeTextMessage(frame), WAIT);
    }

    public void send(JsonObject message) throws Exception {
        send(message.encode());
    }

    public void sendBinary(byte[] bytes) throws Exception {
        await(socket.writeBinaryMessage(Buffer.buffer(bytes)), WAIT);
    }

    /** Writes one raw frame, e.g. a fragment, a ping or bytes that are not UTF-8. */
    public void sendFrame(io.vertx.core.http.WebSocketFrame frame) throws Exception {
        await(socket.writeFrame(frame), WAIT);
    }

    /** Waits until the server has closed the socket; returns its close status. */
    public Short awaitClose(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!closed && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (!closed) {
            throw new AssertionError("still open after " + timeout.toMillis() + " ms");
        }
        return closeStatus;
    }

    /**
     * Returns this client once the server has taken its socket on, which it shows by answering a ping. Caps count
     * sockets in the order the server takes them on, each on its own event loop, not in the order the client saw the
     * handshakes complete: a test that opens sockets up to a cap waits for each before opening the next.
     */
    public ProtocolClient inService() throws Exception {
        send(new JsonObject().put("action", "ping"));
        JsonObject pong = next();
        if (!"pong".equals(pong.getString("type"))) {
            throw new AssertionError("a ping was answered with " + pong.encode());
        }
        return this;
    }

    public void ask(String id, String text) throws Exception {
        send(new JsonObject().put("action", "ask").put("id", id).put("text", text));
    }

    /** The next event, failing the test if none arrives in time. */
    public JsonObject next() throws InterruptedException {
        return nextReceived().event();
    }

    /** Events of answer {@code id}, up to and including its done or error; other answers' events are dropped. */
    public List<JsonObject> untilEnd(String id) throws InterruptedException {
        return untilEndReceived(id).stream().map(Received::event).toList();
    }

    /** As {@link #untilEnd}, with the time each event arrived. */
    public List<Received> untilEndReceived(String id) throws InterruptedException {
        return untilEndReceived(id, WAIT);
    }

    /** As {@link #untilEndReceived(String)}, waiting up to {@code wait} for each event (a benchmark on a busy machine). */
    public List<Received> untilEndReceived(String id, Duration wait) throws InterruptedException {
        List<Received> events = new ArrayList<>();
        while (true) {
            Received received = nextReceived(wait);
            JsonObject event = received.event();
            if (!id.equals(event.getString("id"))) {
                continue;
            }
            events.add(received);
            if ("done".equals(event.getString("type")) || "error".equals(event.getString("type"))) {
                return events;
            }
        }
    }

    /** From now on every event this client reads must be valid against the published protocol schemas. */
    public ProtocolClient checkedAgainst(ProtocolSchemas schemas) {
        this.schemas = schemas;
        return this;
    }

    private Received nextReceived() throws InterruptedException {
        return nextReceived(WAIT);
    }

    private Received nextReceived(Duration wait) throws InterruptedException {
        Received next = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no event within " + wait.toSeconds() + " s");
        }
        if (schemas != null) {
            String frame = next.event().encode();
            List<String> errors = schemas.serverEventErrors(frame);
            if (!errors.isEmpty()) {
                throw new AssertionError("not a protocol v1 event: " + errors + " in " + frame);
            }
        }
        return next;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The status code of the server's close frame, once closed. */
    public Short closeStatus() {
        return closeStatus;
    }

    @Override
    public void close() throws Exception {
        if (!closed && !socket.isClosed()) {
            // The server may close at the same moment; either way the socket ends closed.
            await(socket.close().recover(e -> io.vertx.core.Future.succeededFuture()), WAIT);
        }
        await(client.close(), WAIT);
    }
}

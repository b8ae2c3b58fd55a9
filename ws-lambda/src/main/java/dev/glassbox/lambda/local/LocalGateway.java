package dev.glassbox.lambda.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.log.Log;
import dev.glassbox.lambda.Container;
import dev.glassbox.lambda.LambdaSettings;
import dev.glassbox.lambda.RouteHandler;
import dev.glassbox.lambda.StateStore;
import dev.glassbox.lambda.StreamWorker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API Gateway WebSocket on a laptop: {@code ws://localhost:PORT/local} runs the real route handler
 * in-process with events shaped like AWS's, serves {@code @connections} for the real SDK client
 * (410 for unknown ids) and Lambda's Invoke API for the hand-off to the real stream worker, and
 * keeps AWS's limits: 32 KB frames and 128 KB messages (else 1009), 10 minutes idle, 2 hours per
 * connection, 29 s per integration call.
 */
public final class LocalGateway {
    private static final Logger LOG = Logger.getLogger(LocalGateway.class.getName());
    static final int MAX_FRAME_BYTES = 32 * 1024;
    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    static final long IDLE_MS = 10 * 60_000;
    static final long MAX_CONNECTION_MS = 2 * 60 * 60_000;
    static final long INTEGRATION_TIMEOUT_MS = 29_000;
    /** The stack's defaults for the stream worker: reserved concurrency and timeout. */
    static final int STREAM_WORKERS = 10;
    static final long STREAM_WORKER_TIMEOUT_MS = 300_000;
    private static final short MESSAGE_TOO_BIG = 1009;
    private static final Pattern CONNECTIONS = Pattern.compile("/@connections/([^/]+)");
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Vertx vertx;
    private final Map<String, ServerWebSocket> sockets = new ConcurrentHashMap<>();
    /** Answers run on their own threads, as on their own Lambdas, so routes never wait behind them. */
    private final WorkerExecutor streamWorkers;
    private HttpServer server;
    private RouteHandler routes;
    private StreamWorker worker;

    private LocalGateway(Vertx vertx) {
        this.vertx = vertx;
        this.streamWorkers = vertx.createSharedWorkerExecutor("glassbox-stream-worker", STREAM_WORKERS,
                STREAM_WORKER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** {@code LocalGateway [--stack DIR]}: with a synthesized stack, its functions' environment (StackEnvironment). */
    public static void main(String[] args) throws java.io.IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("GLASSBOX_GATEWAY_PORT", "8081"));
        Map<String, String> env = args.length == 2 && args[0].equals("--stack")
                ? StackEnvironment.forLocalGateway(java.nio.file.Path.of(args[1]), System.getenv()) : System.getenv();
        Vertx vertx = Vertx.vertx();
        start(vertx, port, env)
                .onSuccess(gateway -> System.out.println("Local API Gateway is ready: ws://localhost:"
                        + gateway.port() + "/local"))
                .onFailure(e -> {
                    System.err.println("local-gateway: " + e.getMessage());
                    System.exit(1);
                });
    }

    /** Starts on {@code port} (0 for any); the functions' AWS clients are pointed at this gateway. */
    public static Future<LocalGateway> start(Vertx vertx, int port, Map<String, String> env) {
        LocalGateway gateway = new LocalGateway(vertx);
        // Netty would cut an oversized frame off without a close frame; the gateway checks sizes itself,
        // to close with 1009 as API Gateway does.
        HttpServerOptions options = new HttpServerOptions().setPort(port)
                .setMaxWebSocketFrameSize(4 * MAX_MESSAGE_BYTES).setMaxWebSocketMessageSize(4 * MAX_MESSAGE_BYTES)
                .setPerMessageWebSocketCompressionSupported(false);
        return vertx.createHttpServer(options).requestHandler(gateway::handle).listen().map(server -> {
            gateway.server = server;
            String self = "http://localhost:" + server.actualPort();
            Map<String, String> settings = new HashMap<>(env);
            settings.putIfAbsent("GLASSBOX_CONNECTIONS_ENDPOINT", self);
            settings.putIfAbsent("GLASSBOX_LAMBDA_ENDPOINT", self);
            settings.putIfAbsent("GLASSBOX_WORKER_FUNCTION", "glassbox-worker");
            if (settings.containsKey("GLASSBOX_DYNAMODB_ENDPOINT")) {
                settings.putIfAbsent("GLASSBOX_TABLE", "glassbox-state");
            }
            LambdaSettings lambda = LambdaSettings.fromEnvironment(settings);
            StateStore state = Container.stateStore(lambda);
            Container container = new Container(lambda, state, Container.feedbackStore(lambda, state));
            gateway.routes = container.routeHandler();
            gateway.worker = container.streamWorker();
            return gateway;
        });
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> close() {
        return server.close().compose(v -> streamWorkers.close());
    }

    private void handle(HttpServerRequest request) {
        Matcher connection = CONNECTIONS.matcher(request.path());
        Matcher invoke = INVOKE.matcher(request.path());
        if (request.path().equals("/local")) {
            connect(request);
        } else if (connection.matches()) {
            connections(request, URLDecoder.decode(connection.group(1), StandardCharsets.UTF_8));
        } else if (invoke.matches()) {
            invoke(request);
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void connect(HttpServerRequest request) {
        request.pause(); // the handshake waits for $connect, as API Gateway's does
        String connectionId = newConnectionId();
        String sourceIp = request.remoteAddress() == null ? "127.0.0.1" : request.remoteAddress().host();
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        APIGatewayV2WebSocketEvent event = event("$connect", "CONNECT", connectionId, sourceIp, null, false);
        event.setHeaders(headers);
        integrate(event).onComplete(result -> {
            int status = result.succeeded() ? result.result() : 500;
            if (status != 200) {
                request.response().setStatusCode(status).end();
                return;
            }
            request.toWebSocket().onSuccess(socket -> open(socket, connectionId, sourceIp));
        });
    }

    private void open(ServerWebSocket socket, String connectionId, String sourceIp) {
        sockets.put(connectionId, socket);
        long[] idle = {vertx.setTimer(IDLE_MS, t -> socket.close((short) 1001, "Going away"))};
        long cap = vertx.setTimer(MAX_CONNECTION_MS, t -> socket.close((short) 1001, "Going away"));
        socket.frameHandler(frame -> {
            vertx.cancelTimer(idle[0]);
            idle[0] = vertx.setTimer(IDLE_MS, t -> socket.close((short) 1001, "Going away"));
            if (frame.binaryData().length() > MAX_FRAME_BYTES) {
                socket.close(MESSAGE_TOO_BIG, "Message too big");
            }
        });
        socket.textMessageHandler(text -> {
            if (!socket.isClosed() && fits(socket, text.getBytes(StandardCharsets.UTF_8).length)) {
                message(socket, connectionId, sourceIp, text, false);
            }
        });
        socket.binaryMessageHandler(bytes -> {
            if (!socket.isClosed() && fits(socket, bytes.length())) {
                message(socket, connectionId, sourceIp, Base64.getEncoder().encodeToString(bytes.getBytes()), true);
            }
        });
        socket.closeHandler(v -> {
            sockets.remove(connectionId);
            vertx.cancelTimer(idle[0]);
            vertx.cancelTimer(cap);
            integrate(event("$disconnect", "DISCONNECT", connectionId, sourceIp, null, false));
        });
    }

    private static boolean fits(ServerWebSocket socket, int bytes) {
        if (bytes > MAX_MESSAGE_BYTES) {
            socket.close(MESSAGE_TOO_BIG, "Message too big");
            return false;
        }
        return true;
    }

    private void message(ServerWebSocket socket, String connectionId, String sourceIp, String body, boolean binary) {
        integrate(event("$default", "MESSAGE", connectionId, sourceIp, body, binary)).onFailure(e -> {
            Log.warn(LOG, "the route handler failed", e, "connectionId", connectionId);
            if (!socket.isClosed()) {
                // What API Gateway sends when the integration fails or takes longer than 29 s.
                socket.writeTextMessage("{\"message\": \"Internal server error\", \"connectionId\":\"" + connectionId
                        + "\", \"requestId\":\"local\"}");
            }
        });
    }

    /** Runs the route handler off the event loop, within API Gateway's 29 s; the future holds its status code. */
    private Future<Integer> integrate(APIGatewayV2WebSocketEvent event) {
        return vertx.<Integer>executeBlocking(() -> routes.handleRequest(event, null).getStatusCode(), false)
                .timeout(INTEGRATION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    private void connections(HttpServerRequest request, String connectionId) {
        ServerWebSocket socket = sockets.get(connectionId);
        if (socket == null || socket.isClosed()) {
            request.response().setStatusCode(410).putHeader("x-amzn-ErrorType", "GoneException")
                    .putHeader("Content-Type", "application/json").end("{\"message\":null}");
            return;
        }
        switch (request.method().name()) {
            case "POST" -> request.body().onSuccess(body -> {
                if (body.length() > MAX_FRAME_BYTES) {
                    request.response().setStatusCode(413).putHeader("x-amzn-ErrorType", "PayloadTooLargeException")
                            .end("{\"message\":\"Message too long\"}");
                    return;
                }
                socket.writeTextMessage(body.toString());
                request.response().setStatusCode(200).end();
            });
            case "DELETE" -> {
                socket.close((short) 1000, "Closed by the server");
                request.response().setStatusCode(204).end();
            }
            default -> request.response().putHeader("Content-Type", "application/json").end(
                    "{\"ConnectedAt\":\"" + Instant.now() + "\",\"LastActiveAt\":\"" + Instant.now() + "\"}");
        }
    }

    /** Lambda's Invoke API: an Event invocation is accepted at once (202) and runs the worker in the background. */
    private void invoke(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            Map<String, String> payload;
            try {
                payload = JSON.readValue(body.getBytes(), new TypeReference<>() { });
            } catch (java.io.IOException e) {
                request.response().setStatusCode(400).end("{\"message\":\"payload is not JSON\"}");
                return;
            }
            request.response().setStatusCode(202).end();
            streamWorkers.executeBlocking(() -> worker.handleRequest(payload, null), false)
                    .onFailure(e -> Log.error(LOG, "the stream worker failed", e));
        });
    }

    private static APIGatewayV2WebSocketEvent event(String routeKey, String eventType, String connectionId,
                                                    String sourceIp, String body, boolean binary) {
        APIGatewayV2WebSocketEvent.RequestIdentity identity = new APIGatewayV2WebSocketEvent.RequestIdentity();
        identity.setSourceIp(sourceIp);
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setConnectionId(connectionId);
        context.setIdentity(identity);
        context.setStage("local");
        context.setDomainName("localhost");
        context.setRequestId(newConnectionId());
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        event.setBody(body);
        event.setIsBase64Encoded(binary);
        return event;
    }

    /** API Gateway's connection ids look like {@code L0SM9cOFvHcCIhw=}: letters and digits, then '='. */
    private static String newConnectionId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            id.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return id.append('=').toString();
    }
}

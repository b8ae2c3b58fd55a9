package dev.glassbox.lambda.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import dev.glassbox.core.guard.ClientCounts;
import dev.glassbox.core.guard.ConnectionGuard;
import dev.glassbox.core.guard.PartlyReceived;
import dev.glassbox.core.guard.ReadBudget;
import dev.glassbox.core.guard.WebSocketGuard;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.settings.SettingException;
import dev.glassbox.lambda.Container;
import dev.glassbox.lambda.LambdaSettings;
import dev.glassbox.lambda.RouteHandler;
import dev.glassbox.lambda.Stores;
import dev.glassbox.lambda.StreamWorker;
import io.netty.channel.Channel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.impl.ConnectionBase;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * API Gateway WebSocket on a laptop: {@code ws://localhost:PORT/local} runs the real route handler
 * in-process with events shaped like AWS's, and keeps AWS's limits: 32 KB frames and 128 KB messages
 * (else 1009), 10 minutes idle, 2 hours per connection, 29 s per integration call. The functions'
 * {@code @connections} and Lambda Invoke calls go to the {@link InternalApi}, which is not on this
 * port. Faces browsers as the local server does: loopback by default (GLASSBOX_HOST), the same
 * connection caps and header timeout, WebSockets per client address capped, and every socket guarded
 * against ping floods and text that is not UTF-8 ({@link WebSocketGuard}).
 */
public final class LocalGateway {
    static final int MAX_FRAME_BYTES = 32 * 1024;
    static final int MAX_MESSAGE_BYTES = 128 * 1024;
    static final long IDLE_MS = 10 * 60_000;
    static final long MAX_CONNECTION_MS = 2 * 60 * 60_000;
    static final long INTEGRATION_TIMEOUT_MS = 29_000;
    /**
     * At most this many answers run at once, on threads of the gateway's own: the stack reserves no
     * worker concurrency unless asked to, so this is the emulator's cap, not the stack's. The timeout
     * is the worker function's.
     */
    static final int STREAM_WORKERS = 10;
    static final long STREAM_WORKER_TIMEOUT_MS = 300_000;
    private static final short MESSAGE_TOO_BIG = 1009;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The kernel's buffers for each connection, each way. */
    static final int SOCKET_BUFFER_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final GatewayLimits limits;
    private final Map<String, GatewaySocket> sockets = new ConcurrentHashMap<>();
    private final ClientCounts socketsPerClient;
    private final WriteBudget writeBudget;
    /**
     * What the sockets may hold of messages partly received, by event loop thread: the gateway's one server, started
     * outside any verticle, serves every socket on one event loop, so that loop has the whole budget.
     */
    private final Map<Thread, ReadBudget> readBudgets = new ConcurrentHashMap<>();
    /** Caps HTTP connections and slow headers; told when each WebSocket closes (see ConnectionGuard.closed). */
    private final ConnectionGuard httpConnections;
    /** Answers run on their own threads, as on their own Lambdas, so routes never wait behind them. */
    private final WorkerExecutor streamWorkers;
    private HttpServer server;
    private InternalApi internal;
    private RouteHandler routes;
    private StreamWorker worker;

    private LocalGateway(Vertx vertx, GatewayLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
        this.socketsPerClient = new ClientCounts(limits.maxSocketsPerIp());
        this.writeBudget = new WriteBudget(limits.writeBudgetBytes(), sockets::size);
        this.httpConnections = new ConnectionGuard(vertx, limits.maxConnections(), limits.maxConnectionsPerIp(),
                limits.headerTimeoutMs());
        this.streamWorkers = vertx.createSharedWorkerExecutor("glassbox-stream-worker", STREAM_WORKERS,
                STREAM_WORKER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** {@code LocalGateway [--stack DIR]}: see {@link LocalGatewayCommand}. */
    public static void main(String[] args) {
        LocalGatewayCommand.main(args);
    }

    /** Starts on {@code port} (0 for any); the functions' AWS clients are pointed at its internal API. */
    public static Future<LocalGateway> start(Vertx vertx, int port, Map<String, String> env) {
        LocalGateway gateway;
        try {
            requireRegion();
            requireCredentials();
            gateway = new LocalGateway(vertx, GatewayLimits.fromEnvironment(env));
        } catch (IllegalArgumentException badSetting) {
            return Future.failedFuture(badSetting);
        }
        // Netty would cut an oversized frame off without a close frame; the gateway checks sizes itself,
        // to close with 1009 as API Gateway does.
        HttpServerOptions options = new HttpServerOptions().setHost(gateway.limits.host()).setPort(port)
                .setMaxWebSocketFrameSize(4 * MAX_MESSAGE_BYTES).setMaxWebSocketMessageSize(4 * MAX_MESSAGE_BYTES)
                // No compression, as API Gateway: a deflate-frame client's one 100 KB frame inflated to 100 MB in
                // Netty's decoder and held an event loop for minutes (the frame limits count the compressed bytes).
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false)
                .setHttp2ClearTextEnabled(false)
                // As on the server: autotuned, the kernel held megabytes for a client that never reads, unseen
                // by the write budget.
                .setSendBufferSize(SOCKET_BUFFER_BYTES).setReceiveBufferSize(SOCKET_BUFFER_BYTES);
        return InternalApi.start(vertx, gateway.sockets, gateway::runWorker).compose(internal -> {
            gateway.internal = internal;
            Map<String, String> settings = new HashMap<>();
            // A blank value counts as unset, as everywhere else: it must not keep the gateway's own endpoints out.
            env.forEach((name, value) -> {
                if (!value.isBlank()) {
                    settings.put(name, value);
                }
            });
            settings.putIfAbsent("GLASSBOX_CONNECTIONS_ENDPOINT", internal.endpoint());
            settings.putIfAbsent("GLASSBOX_LAMBDA_ENDPOINT", internal.endpoint());
            settings.putIfAbsent("GLASSBOX_WORKER_FUNCTION", "glassbox-worker");
            if (settings.containsKey("GLASSBOX_DYNAMODB_ENDPOINT")) {
                settings.putIfAbsent("GLASSBOX_TABLE", "glassbox-state");
            }
            LambdaSettings lambda = LambdaSettings.fromEnvironment(settings);
            // The functions' container starts a Vert.x and AWS clients of its own, as a Lambda does: on a thread
            // of its own, not on this event loop, which it would block and which is no Lambda's.
            return Future.fromCompletionStage(CompletableFuture.supplyAsync(() -> new Container(lambda,
                    Stores.from(lambda))), vertx.getOrCreateContext());
        }).compose(container -> {
            gateway.routes = container.routeHandler();
            gateway.worker = container.streamWorker();
            // Only now: a client let in earlier would find no functions to answer it.
            return vertx.createHttpServer(options).requestHandler(gateway.httpConnections.around(gateway::handle))
                    .connectionHandler(gateway.httpConnections).listen();
        }).map(server -> {
            gateway.server = server;
            return gateway;
        });
    }

    /**
     * The functions' AWS clients look for a region as the AWS SDK does (AWS_REGION, then the AWS profile); a Lambda
     * always has one, a laptop may not, and the SDK's own complaint runs to many lines.
     */
    private static void requireRegion() {
        try {
            new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException noRegion) {
            throw new SettingException("AWS_REGION is not set; set it to the region of your Bedrock knowledge base, "
                    + "e.g. AWS_REGION=us-east-1 (or give the AWS profile a region).");
        }
    }

    /**
     * The functions sign every call, even those to this gateway's own endpoints (Invoke, {@code @connections}):
     * without credentials the route handler could neither hand a question on nor post its error, and the visitor
     * would wait for an answer that never comes. Looked up as the SDK does (variables, profile, container, instance).
     */
    private static void requireCredentials() {
        try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build()) {
            chain.resolveCredentials();
        } catch (SdkClientException noCredentials) {
            throw new SettingException("no AWS credentials found; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
                    + "or AWS_PROFILE (any values do when the Bedrock endpoints are a fake Bedrock's).");
        }
    }

    /**
     * Not a field of this class: loading the class to run its main must not start java.util.logging before the
     * command has chosen how it logs.
     */
    private static final class Logs {
        static final Logger LOG = Logger.getLogger(LocalGateway.class.getName());
    }

    public int port() {
        return server.actualPort();
    }

    /** Where the functions call {@code @connections} and Invoke, secret included. */
    String internalEndpoint() {
        return internal.endpoint();
    }

    public Future<Void> close() {
        return server.close().compose(v -> internal.close()).compose(v -> streamWorkers.close());
    }

    /** The public port serves only the WebSocket; any other request is answered without reading its body. */
    private void handle(HttpServerRequest request) {
        if (!request.path().equals("/local")) {
            refuse(request, 404, "");
        } else if (!request.canUpgradeToWebSocket()) {
            refuse(request, 400, "Expected a WebSocket upgrade.");
        } else {
            connect(request);
        }
    }

    private static void refuse(HttpServerRequest request, int status, String message) {
        request.response().setStatusCode(status).putHeader("Connection", "close").end(message)
                .onComplete(v -> request.connection().close());
    }

    private void connect(HttpServerRequest request) {
        String sourceIp = request.remoteAddress() == null ? "127.0.0.1" : request.remoteAddress().host();
        if (!socketsPerClient.tryAcquire(sourceIp)) {
            refuse(request, 429, "Your address already holds " + limits.maxSocketsPerIp()
                    + " connections, the limit; close one or try again in a minute.");
            return;
        }
        request.pause(); // the handshake waits for $connect, as API Gateway's does
        String connectionId = newConnectionId();
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        APIGatewayV2WebSocketEvent event = event("$connect", "CONNECT", connectionId, sourceIp, null, false);
        event.setHeaders(headers);
        integrate(event).onComplete(result -> {
            int status = result.succeeded() ? result.result() : 500;
            if (status != 200) {
                socketsPerClient.release(sourceIp);
                request.response().setStatusCode(status).end();
                return;
            }
            HttpConnection connection = request.connection();
            request.toWebSocket().onSuccess(socket -> open(socket, connectionId, sourceIp, connection))
                    .onFailure(e -> socketsPerClient.release(sourceIp));
        });
    }

    private void open(ServerWebSocket webSocket, String connectionId, String sourceIp, HttpConnection connection) {
        GatewaySocket socket = new GatewaySocket(webSocket, writeBudget);
        sockets.put(connectionId, socket);
        // API Gateway keeps what a client sends until a message is whole; here it is this JVM's memory.
        Channel channel = ((ConnectionBase) connection).channel();
        PartlyReceived.watch(channel, readBudgets.computeIfAbsent(Thread.currentThread(),
                thread -> new ReadBudget(limits.readBudgetBytes())).holder(() -> {
                    socket.close(GatewaySocket.TRY_AGAIN_LATER, ReadBudget.CLOSE_REASON);
                    channel.pipeline().firstContext().close(); // at once: the close handshake would keep it 10 s
                }));
        long[] idle = {vertx.setTimer(IDLE_MS, t -> socket.close((short) 1001, "Going away"))};
        long cap = vertx.setTimer(MAX_CONNECTION_MS, t -> socket.close((short) 1001, "Going away"));
        WebSocketGuard.install(webSocket, socket::close, MAX_MESSAGE_BYTES,
                () -> socket.close(MESSAGE_TOO_BIG, "Message too big"), frame -> {
                    vertx.cancelTimer(idle[0]);
                    idle[0] = vertx.setTimer(IDLE_MS, t -> socket.close((short) 1001, "Going away"));
                    if (frame.binaryData().length() > MAX_FRAME_BYTES) {
                        socket.close(MESSAGE_TOO_BIG, "Message too big");
                    }
                }, new WebSocketGuard.Messages() {
                    @Override
                    public void text(String message) {
                        if (socket.isOpen()) {
                            message(socket, connectionId, sourceIp, message, false);
                        }
                    }

                    @Override
                    public void binary(Buffer message) {
                        if (socket.isOpen()) {
                            message(socket, connectionId, sourceIp,
                                    Base64.getEncoder().encodeToString(message.getBytes()), true);
                        }
                    }
                });
        webSocket.closeHandler(v -> {
            sockets.remove(connectionId);
            socketsPerClient.release(sourceIp);
            vertx.cancelTimer(idle[0]);
            vertx.cancelTimer(cap);
            integrate(event("$disconnect", "DISCONNECT", connectionId, sourceIp, null, false));
            httpConnections.closed(connection);
        });
    }

    private void message(GatewaySocket socket, String connectionId, String sourceIp, String body, boolean binary) {
        integrate(event("$default", "MESSAGE", connectionId, sourceIp, body, binary)).onFailure(e -> {
            Log.warn(Logs.LOG, "the route handler failed", e, "connectionId", connectionId);
            // What API Gateway sends when the integration fails or takes longer than 29 s.
            socket.send("{\"message\": \"Internal server error\", \"connectionId\":\"" + connectionId
                    + "\", \"requestId\":\"local\"}");
        });
    }

    /** Runs the route handler off the event loop, within API Gateway's 29 s; the future holds its status code. */
    private Future<Integer> integrate(APIGatewayV2WebSocketEvent event) {
        return vertx.<Integer>executeBlocking(() -> routes.handleRequest(event, null).getStatusCode(), false)
                .timeout(INTEGRATION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** An accepted invocation: the stream worker runs in the background, as an Event invocation does. */
    private void runWorker(Map<String, String> payload) {
        streamWorkers.executeBlocking(() -> worker.handleRequest(payload, null), false)
                .onFailure(e -> Log.error(Logs.LOG, "the stream worker failed", e));
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

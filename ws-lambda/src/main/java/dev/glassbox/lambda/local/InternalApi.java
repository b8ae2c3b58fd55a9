package dev.glassbox.lambda.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The APIs only the functions call: {@code @connections} (POST, GET, DELETE) for the real SDK client
 * and Lambda's Invoke API for the hand-off to the stream worker. They listen on a port of their own
 * on 127.0.0.1, under a path holding a secret drawn at start that only the functions are given, so
 * neither a web page (a cross-origin POST) nor anything else off this process can run the worker past
 * the route handler's validation, rate limits and budget, or write to a visitor's socket.
 */
final class InternalApi {
    /** Lambda's limit on an asynchronous invocation's payload. */
    static final int MAX_INVOKE_BYTES = 256 * 1024;
    private static final Pattern CONNECTIONS = Pattern.compile("/@connections/([^/]+)");
    private static final Pattern INVOKE = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, GatewaySocket> sockets;
    private final Consumer<Map<String, String>> worker;
    private final byte[] prefix;
    private HttpServer server;

    private InternalApi(Map<String, GatewaySocket> sockets, Consumer<Map<String, String>> worker) {
        this.sockets = sockets;
        this.worker = worker;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.prefix = ("/" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param sockets the gateway's open sockets by connection id
     * @param worker runs the stream worker on an accepted invocation's payload, off the event loop
     */
    static Future<InternalApi> start(Vertx vertx, Map<String, GatewaySocket> sockets,
                                     Consumer<Map<String, String>> worker) {
        InternalApi api = new InternalApi(sockets, worker);
        return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(api::handle).listen().map(server -> {
                    api.server = server;
                    return api;
                });
    }

    /** The base URL the functions' clients are pointed at, secret included. */
    String endpoint() {
        return "http://127.0.0.1:" + server.actualPort() + new String(prefix, StandardCharsets.US_ASCII);
    }

    Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest request) {
        byte[] path = request.path().getBytes(StandardCharsets.UTF_8);
        byte[] start = java.util.Arrays.copyOf(path, Math.min(path.length, prefix.length));
        if (path.length <= prefix.length || !MessageDigest.isEqual(start, prefix) || path[prefix.length] != '/') {
            request.response().setStatusCode(403).putHeader("Connection", "close").end()
                    .onComplete(v -> request.connection().close());
            return;
        }
        String rest = request.path().substring(prefix.length);
        Matcher connection = CONNECTIONS.matcher(rest);
        Matcher invoke = INVOKE.matcher(rest);
        if (connection.matches()) {
            String connectionId;
            try {
                connectionId = URLDecoder.decode(connection.group(1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException badEscape) {
                // Thrown out of the handler, it left the request unanswered until the caller's timeout.
                request.response().setStatusCode(400).putHeader("x-amzn-ErrorType", "BadRequestException")
                        .putHeader("Content-Type", "application/json").end("{\"message\":\"Invalid connectionId\"}");
                return;
            }
            connections(request, connectionId);
        } else if (invoke.matches()) {
            invoke(request);
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void connections(HttpServerRequest request, String connectionId) {
        GatewaySocket socket = sockets.get(connectionId);
        if (socket == null || !socket.isOpen()) {
            gone(request);
            return;
        }
        switch (request.method().name()) {
            case "POST" -> BoundedBody.read(request, LocalGateway.MAX_FRAME_BYTES, "PayloadTooLargeException")
                    .onSuccess(body -> {
                        if (socket.send(body.toString())) {
                            request.response().setStatusCode(200).end();
                        } else {
                            gone(request);
                        }
                    });
            case "DELETE" -> {
                socket.close((short) 1000, "Closed by the server");
                request.response().setStatusCode(204).end();
            }
            default -> request.response().putHeader("Content-Type", "application/json").end(
                    "{\"ConnectedAt\":\"" + Instant.now() + "\",\"LastActiveAt\":\"" + Instant.now() + "\"}");
        }
    }

    private static void gone(HttpServerRequest request) {
        request.response().setStatusCode(410).putHeader("x-amzn-ErrorType", "GoneException")
                .putHeader("Content-Type", "application/json").end("{\"message\":null}");
    }

    /** Lambda's Invoke API: an Event invocation is accepted at once (202) and runs the worker in the background. */
    private void invoke(HttpServerRequest request) {
        BoundedBody.read(request, MAX_INVOKE_BYTES, "RequestTooLargeException").onSuccess(body -> {
            Map<String, String> payload;
            try {
                payload = JSON.readValue(body.getBytes(), new TypeReference<>() { });
            } catch (java.io.IOException e) {
                request.response().setStatusCode(400).end("{\"message\":\"payload is not JSON\"}");
                return;
            }
            request.response().setStatusCode(202).end();
            worker.accept(payload);
        });
    }
}

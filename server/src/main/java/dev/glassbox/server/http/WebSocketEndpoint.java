package dev.glassbox.server.http;

import dev.glassbox.core.log.Log;
import dev.glassbox.core.pipeline.AnswerPipeline;
import dev.glassbox.core.pipeline.ConnectionHandler;
import dev.glassbox.server.metrics.ServerMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/** {@code /ws}: checks the origin during the handshake, then speaks protocol v1 on the socket. */
public final class WebSocketEndpoint implements Handler<RoutingContext> {
    private static final Logger LOG = Logger.getLogger(WebSocketEndpoint.class.getName());
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private final AnswerPipeline pipeline;
    private final OriginPolicy origins;
    private final ServerMetrics metrics;

    public WebSocketEndpoint(AnswerPipeline pipeline, OriginPolicy origins, ServerMetrics metrics) {
        this.pipeline = pipeline;
        this.origins = origins;
        this.metrics = metrics;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (!origins.allows(origin, request.getHeader(HttpHeaders.HOST))) {
            Log.info(LOG, "websocket origin rejected", "origin", origin);
            ctx.response().setStatusCode(403).end("This origin may not open a WebSocket here.");
            return;
        }
        request.toWebSocket().onSuccess(this::serve).onFailure(e -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(400).end("Expected a WebSocket upgrade.");
            }
        });
    }

    private void serve(ServerWebSocket socket) {
        String connectionId = "c" + CONNECTIONS.incrementAndGet();
        ConnectionHandler connection = pipeline.connect(socket::writeTextMessage, connectionId);
        metrics.socketOpened();
        socket.textMessageHandler(connection::onText);
        socket.binaryMessageHandler(bytes -> connection.onBinary());
        socket.exceptionHandler(e -> Log.info(LOG, "websocket error", "connectionId", connectionId,
                "error", String.valueOf(e)));
        socket.closeHandler(v -> {
            metrics.socketClosed();
            connection.onClose();
        });
    }
}

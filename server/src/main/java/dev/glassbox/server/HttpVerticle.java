package dev.glassbox.server;

import dev.glassbox.core.guard.ConnectionGuard;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * One HTTP/WebSocket server on one event loop. Deployed once per event loop on the same port: Vert.x
 * binds the port once and hands new connections to the instances in turn, so every core serves
 * sockets, and each socket (with its answers) stays on the event loop that accepted it.
 */
final class HttpVerticle extends VerticleBase {
    private final HttpServerOptions options;
    private final Handler<HttpServerRequest> requests;
    private final ConnectionGuard guard;
    private final Counter connections;
    private volatile HttpServer server;

    /**
     * @param requests this instance's request handler, built on the deploying thread, so that loading
     *     its classes does not hold up an event loop
     * @param guard caps connections and times out slow headers, over every instance
     * @param connections counts the connections this instance accepts, so /metrics shows every event loop at work
     */
    HttpVerticle(HttpServerOptions options, Handler<HttpServerRequest> requests, ConnectionGuard guard,
                 Counter connections) {
        this.options = options;
        this.requests = requests;
        this.guard = guard;
        this.connections = connections;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer(options).requestHandler(guard.around(requests))
                .connectionHandler(connection -> {
                    connections.increment();
                    guard.handle(connection);
                })
                .listen()
                .onSuccess(listening -> server = listening);
    }

    /** The port it listens on, once started. */
    int port() {
        return server.actualPort();
    }
}

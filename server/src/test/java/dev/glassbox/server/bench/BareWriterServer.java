package dev.glassbox.server.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

/**
 * The ceiling for load runs: a bare Vert.x WebSocket server that answers every ask with the same
 * shape of stream as Glassbox's paced backend (start, timestamped tokens at a fixed rate, done) but
 * with no pipeline at all, on as many event loops as Glassbox is given (one server per event loop,
 * as Glassbox deploys them). {@code java ... BareWriterServer PORT TOKENS TOKENS_PER_SECOND EVENT_LOOPS}
 */
public final class BareWriterServer {

    private BareWriterServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int tokens = Integer.parseInt(args[1]);
        long intervalMs = Math.max(1, 1_000 / Integer.parseInt(args[2]));
        int eventLoops = Integer.parseInt(args[3]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        vertx.deployVerticle(() -> new VerticleBase() {
                    @Override
                    public Future<?> start() {
                        return vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1")
                                        .setPerMessageWebSocketCompressionSupported(false))
                                .webSocketHandler(socket -> serve(vertx, socket, tokens, intervalMs))
                                .listen();
                    }
                }, new DeploymentOptions().setInstances(eventLoops))
                .onSuccess(id -> System.out.println("Bare writer is ready on port " + port));
    }

    /** Answers each ask; a cancel, or the socket closing, stops the answer's timer, as Glassbox stops its answer. */
    private static void serve(Vertx vertx, ServerWebSocket socket, int tokens, long intervalMs) {
        long[] timer = {-1};
        socket.closeHandler(v -> vertx.cancelTimer(timer[0]));
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            if ("cancel".equals(message.getString("action"))) {
                vertx.cancelTimer(timer[0]);
            } else {
                timer[0] = answer(vertx, socket, message.getString("id"), tokens, intervalMs);
            }
        });
    }

    private static long answer(Vertx vertx, ServerWebSocket socket, String id, int tokens, long intervalMs) {
        socket.writeTextMessage("{\"type\":\"start\",\"id\":\"" + id + "\",\"seq\":0,\"sessionId\":\"s-bare\"}");
        StringBuilder text = new StringBuilder();
        int[] seq = {1};
        return vertx.setPeriodic(intervalMs, timer -> {
            String token = "t" + System.nanoTime() + " ";
            text.append(token);
            socket.writeTextMessage("{\"type\":\"token\",\"id\":\"" + id + "\",\"seq\":" + seq[0]++
                    + ",\"text\":\"" + token + "\"}");
            if (seq[0] > tokens) {
                vertx.cancelTimer(timer);
                socket.writeTextMessage("{\"type\":\"done\",\"id\":\"" + id + "\",\"seq\":" + seq[0]
                        + ",\"text\":\"" + text + "\",\"stopReason\":\"complete\"}");
            }
        });
    }
}

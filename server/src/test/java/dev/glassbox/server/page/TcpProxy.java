package dev.glassbox.server.page;

import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A loopback TCP proxy whose connections a test can cut, as a flaky network would. */
final class TcpProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;

    private TcpProxy(NetServer server, NetClient client) {
        this.server = server;
        this.client = client;
    }

    static TcpProxy start(Vertx vertx, int targetPort) throws Exception {
        NetClient client = vertx.createNetClient();
        NetServer server = vertx.createNetServer();
        TcpProxy proxy = new TcpProxy(server, client);
        server.connectHandler(visitor -> {
            if (proxy.refusing) {
                visitor.close();
                return;
            }
            visitor.pause();
            client.connect(targetPort, "localhost").onSuccess(upstream -> {
                proxy.sockets.add(visitor);
                proxy.sockets.add(upstream);
                visitor.handler(upstream::write);
                upstream.handler(visitor::write);
                visitor.closeHandler(v -> upstream.close());
                upstream.closeHandler(v -> visitor.close());
                visitor.resume();
            }).onFailure(e -> visitor.close());
        });
        LocalServer.await(server.listen(0, "localhost"), Duration.ofSeconds(10));
        return proxy;
    }

    int port() {
        return server.actualPort();
    }

    /** Cuts every connection through the proxy; new ones still get through. */
    void dropAll() {
        sockets.forEach(NetSocket::close);
        sockets.clear();
    }

    /** While refusing, a new connection is closed at once, as by a server that is down. */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    @Override
    public void close() throws Exception {
        dropAll();
        LocalServer.await(server.close(), Duration.ofSeconds(10));
        LocalServer.await(client.close(), Duration.ofSeconds(10));
    }
}

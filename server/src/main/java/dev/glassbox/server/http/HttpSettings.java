package dev.glassbox.server.http;

import dev.glassbox.core.protocol.ProtocolLimits;
import io.vertx.core.http.HttpServerOptions;
import java.util.List;

/**
 * Where the server listens and what any one HTTP client may hold.
 *
 * @param host the listen address; loopback unless the server is meant to be reached from elsewhere
 * @param allowedHosts host names a request's {@code Host} may carry besides localhost names and IP
 *     addresses (DNS rebinding needs a name the attacker controls)
 * @param maxConnections open HTTP connections, WebSockets included; one more is closed at once
 * @param maxConnectionsPerIp open HTTP connections from one client address
 * @param headerTimeoutMs a connection whose request headers have not all arrived this long after it
 *     opened, or after its last response, is closed (slowloris)
 * @param idleTimeoutMs a connection with nothing read from its client for this long is closed
 * @param metricsEnabled whether {@code /metrics} is served at all
 * @param metricsPort 0: {@code /metrics} on the main port; else a port of its own on 127.0.0.1
 */
public record HttpSettings(String host, List<String> allowedHosts, int maxConnections, int maxConnectionsPerIp,
                           long headerTimeoutMs, long idleTimeoutMs, boolean metricsEnabled, int metricsPort) {

    /**
     * The kernel's buffers for each connection, each way (Linux doubles them for its bookkeeping). Left to
     * autotuning, a loopback client that floods and never reads made the kernel hold 3.9 MB unsent and 1.8 MB
     * unread for its socket, beyond any limit of ours; 64 KB holds two of the largest frames (32 KB) and a
     * second of streamed tokens many times over.
     */
    static final int SOCKET_BUFFER_BYTES = 64 * 1024;

    /**
     * The main server's options: the protocol's frame limit, bounded kernel buffers, no h2c, no compression,
     * idle connections closed.
     */
    public HttpServerOptions serverOptions(int port) {
        return new HttpServerOptions()
                .setHost(host)
                .setPort(port)
                // Token frames are tiny and frequent; deflating each costs more CPU than it saves bytes.
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                // Protocol v1 frames and messages are at most 32 KB; Vert.x would otherwise hold up to 128 KB a socket.
                .setMaxWebSocketFrameSize(ProtocolLimits.MAX_FRAME_BYTES)
                .setMaxWebSocketMessageSize(ProtocolLimits.MAX_FRAME_BYTES)
                .setHttp2ClearTextEnabled(false)
                .setSendBufferSize(SOCKET_BUFFER_BYTES)
                .setReceiveBufferSize(SOCKET_BUFFER_BYTES)
                // Idle means nothing read: an idle timeout on writes too would wrap every frame written in a
                // promise and a listener. WebSockets are read from every ping interval: their clients pong.
                .setReadIdleTimeout((int) Math.max(1, idleTimeoutMs / 1000));
    }
}

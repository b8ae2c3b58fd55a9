package dev.glassbox.lambda.local;

import dev.glassbox.core.settings.Settings;
import java.util.Map;

/**
 * Where the local API Gateway listens and what one client may hold: the local server's defences, with
 * the same settings and defaults, since the gateway faces the same browsers.
 *
 * @param host the listen address; loopback unless GLASSBOX_HOST says otherwise
 * @param maxConnections open HTTP connections, WebSockets included
 * @param maxConnectionsPerIp open HTTP connections from one client address
 * @param maxSocketsPerIp open WebSockets from one client address; one more is refused with 429
 * @param headerTimeoutMs a connection whose request headers have not all arrived in this time is closed
 * @param writeBudgetBytes what all sockets may hold unsent together (see {@link WriteBudget})
 * @param readBudgetBytes what all sockets may hold of messages partly received, shared out among the event loops
 *     (see {@link dev.glassbox.core.guard.ReadBudget})
 */
record GatewayLimits(String host, int maxConnections, int maxConnectionsPerIp, int maxSocketsPerIp,
                     long headerTimeoutMs, long writeBudgetBytes, long readBudgetBytes) {

    /** The limits in {@code env}; a bad value throws a {@link dev.glassbox.core.settings.SettingException}. */
    static GatewayLimits fromEnvironment(Map<String, String> env) {
        Settings read = new Settings(env);
        return new GatewayLimits(read.host("GLASSBOX_HOST", "127.0.0.1"),
                (int) read.number("GLASSBOX_MAX_CONNECTIONS", 12_000, 1, Integer.MAX_VALUE),
                (int) read.number("GLASSBOX_MAX_CONNECTIONS_PER_IP", 64, 1, Integer.MAX_VALUE),
                (int) read.number("GLASSBOX_MAX_SOCKETS_PER_IP", 32, 1, Integer.MAX_VALUE),
                read.number("GLASSBOX_HEADER_TIMEOUT_MS", 10_000, 1, Integer.MAX_VALUE),
                read.number("GLASSBOX_WRITE_BUDGET_BYTES", 64L * 1024 * 1024, 64 * 1024, 1L << 40),
                read.number("GLASSBOX_READ_BUDGET_BYTES", 32L * 1024 * 1024, 64 * 1024, 1L << 40));
    }
}

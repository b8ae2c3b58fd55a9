package dev.glassbox.lambda.local;

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
 */
record GatewayLimits(String host, int maxConnections, int maxConnectionsPerIp, int maxSocketsPerIp,
                     long headerTimeoutMs) {

    static GatewayLimits fromEnvironment(Map<String, String> env) {
        return new GatewayLimits(env.getOrDefault("GLASSBOX_HOST", "127.0.0.1"),
                (int) number(env, "GLASSBOX_MAX_CONNECTIONS", 12_000),
                (int) number(env, "GLASSBOX_MAX_CONNECTIONS_PER_IP", 64),
                (int) number(env, "GLASSBOX_MAX_SOCKETS_PER_IP", 32),
                number(env, "GLASSBOX_HEADER_TIMEOUT_MS", 10_000));
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            long number = Long.parseLong(value.strip());
            if (number >= 1 && number <= Integer.MAX_VALUE) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to " + Integer.MAX_VALUE
                + ", not '" + value + "'");
    }
}

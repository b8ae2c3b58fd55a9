package dev.glassbox.core.guard;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may open a WebSocket. Neither Vert.x nor API Gateway checks the {@code Origin}
 * header, so without this any site a visitor opens could talk to the agent in their name. The
 * server's own pages (the origin's host and port are the request's {@code Host}) are always allowed;
 * the local server checks {@code Host} against its own allowlist first, so it cannot be rebound.
 */
public final class OriginPolicy {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> allowed;

    /** @param allowed exact origins, or "*" for any; empty means same origin and localhost */
    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * Why a configured origin could never match what a browser sends, or null when it can. Browsers
     * send {@code scheme://host[:port]}: lower case, no path, no user, no default port.
     */
    public static String problem(String origin) {
        if (origin.equals("*")) {
            return null;
        }
        String shape = shapeProblem(origin);
        if (shape != null) {
            return shape;
        }
        if (!origin.equals(origin.toLowerCase(Locale.ROOT))) {
            return "browsers send origins in lower case";
        }
        URI uri = URI.create(origin);
        int defaultPort = uri.getScheme().equals("http") ? 80 : 443;
        if (uri.getPort() == defaultPort) {
            return "browsers leave out the default port " + defaultPort;
        }
        return null;
    }

    /** Why the text is not of an origin's shape, {@code http(s)://host[:port]} and nothing more, or null. */
    private static String shapeProblem(String origin) {
        try {
            URI uri = new URI(origin);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                return "an origin starts with http:// or https://";
            }
            if (uri.getHost() == null || uri.getRawUserInfo() != null || origin.contains("*")) {
                return "an origin names one host, without user or wildcard";
            }
            if (!uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                return "an origin has no path, not even a trailing /";
            }
            return null;
        } catch (URISyntaxException e) {
            return "it is not a URL";
        }
    }

    /**
     * @param origin the request's Origin header, or null when the client is not a browser
     * @param host the request's Host header (host[:port]), to recognise the server's own pages
     */
    public boolean allows(String origin, String host) {
        if (origin == null) {
            // Browsers always send Origin on a WebSocket handshake; other clients could forge it anyway.
            return true;
        }
        String normalized = origin.toLowerCase(Locale.ROOT);
        // Refused whatever is allowed, "*" too: a header with a path, a user or a query is no page's origin.
        if (shapeProblem(normalized) != null) {
            return false;
        }
        if (allowed.contains("*") || allowed.contains(normalized)) {
            return true;
        }
        URI uri = URI.create(normalized);
        boolean sameOrigin = uri.getRawAuthority().equals(host == null ? null : host.toLowerCase(Locale.ROOT));
        return sameOrigin || allowed.isEmpty() && LOOPBACK_HOSTS.contains(uri.getHost());
    }
}

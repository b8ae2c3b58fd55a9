package dev.glassbox.core.guard;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may open a WebSocket. Neither Vert.x nor API Gateway checks the {@code Origin}
 * header, so without this any site a visitor opens could talk to the agent in their name.
 */
public final class OriginPolicy {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> allowed;

    /** @param allowed exact origins, or "*" for any; empty means same origin and localhost */
    public OriginPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
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
        if (!allowed.isEmpty()) {
            return allowed.contains("*") || allowed.contains(normalized);
        }
        try {
            URI uri = new URI(normalized);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return false;
            }
            String authority = uri.getRawAuthority();
            return authority.equals(host == null ? null : host.toLowerCase(Locale.ROOT))
                    || LOOPBACK_HOSTS.contains(uri.getHost());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}

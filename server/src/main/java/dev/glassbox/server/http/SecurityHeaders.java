package dev.glassbox.server.http;

import io.vertx.core.Handler;
import java.net.URI;
import io.vertx.ext.web.RoutingContext;

/**
 * The page's security headers: a strict Content-Security-Policy (the client has no inline script
 * or style), no framing, no MIME sniffing, no referrer leaks. The page may connect only to this
 * server and, when the page is pointed elsewhere, to that WebSocket's origin.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    private final String contentSecurityPolicy;

    /** {@code pageWebSocketUrl}: where the page's WebSocket goes instead of /ws, or null. */
    public SecurityHeaders(URI pageWebSocketUrl) {
        String connect = pageWebSocketUrl == null ? "'self'"
                : "'self' " + pageWebSocketUrl.getScheme() + "://" + pageWebSocketUrl.getAuthority();
        contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:; connect-src " + connect + "; object-src 'none'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'";
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", contentSecurityPolicy)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Cross-Origin-Opener-Policy", "same-origin");
        ctx.next();
    }
}

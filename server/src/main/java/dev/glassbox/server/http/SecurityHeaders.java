package dev.glassbox.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The page's security headers: a strict Content-Security-Policy (the client has no inline script
 * or style), no framing, no MIME sniffing, no referrer leaks.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'";

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response().headers()
                .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "DENY")
                .set("Referrer-Policy", "no-referrer")
                .set("Cross-Origin-Opener-Policy", "same-origin");
        ctx.next();
    }
}

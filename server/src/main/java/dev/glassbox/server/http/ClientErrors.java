package dev.glassbox.server.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;

/**
 * Answers a client's mistakes with a plain 4xx and logs nothing. vertx-web logs a SEVERE line, often
 * with a stack trace, for each request it cannot parse (a bad %-escape, a missing or invalid Host,
 * {@code GET *}) and for each failure no error handler takes (a bad Range): anyone could fill the log
 * with a request a second. Requests it cannot parse are refused here before the router sees them; the
 * router's own 4xx failures get an error handler each, and a client that resets its connection while a
 * file is sent to it is let go quietly. Server faults (5xx) are still logged.
 */
public final class ClientErrors implements Handler<HttpServerRequest> {
    private final Handler<HttpServerRequest> router;

    private ClientErrors(Handler<HttpServerRequest> router) {
        this.router = router;
    }

    /** The router, behind the check of what it cannot parse, with its 4xx failures answered plainly. */
    public static Handler<HttpServerRequest> around(Router router) {
        for (int status = 400; status < 500; status++) {
            router.errorHandler(status, ClientErrors::answer);
        }
        router.route().failureHandler(ClientErrors::letGoOfALeftClient);
        return new ClientErrors(router);
    }

    @Override
    public void handle(HttpServerRequest request) {
        String problem = problem(request);
        if (problem == null) {
            router.handle(request);
            return;
        }
        // What follows a malformed request on the connection cannot be trusted either.
        request.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CONNECTION, "close").end(problem)
                .onComplete(v -> request.connection().close());
    }

    /** Why the router could not parse this request, or null when it can. */
    static String problem(HttpServerRequest request) {
        String target = request.uri();
        if (!target.startsWith("/")) {
            // '*', 'host:port' and absolute URIs, whose authority need not be the Host header the host check reads.
            return "The request target must be a path starting with '/'.";
        }
        if (!escapesAreHex(target)) {
            return "Each '%' in the path or query must be followed by two hexadecimal digits.";
        }
        List<String> hosts = request.headers().getAll(HttpHeaders.HOST);
        if (hosts.size() != 1 || request.authority() == null) {
            return "The request must name the server in exactly one valid Host header.";
        }
        return null;
    }

    private static boolean escapesAreHex(String target) {
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || Character.digit(target.charAt(i + 1), 16) < 0
                    || Character.digit(target.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A client that closed or reset its connection while a static file was sent failed that request with
     * "Connection reset by peer", which vertx-web logged as SEVERE with a 2.4 KB stack trace: 200 such
     * requests from one client wrote 486 KB of log in 1.6 s. Once the response has begun, no error can
     * be answered either way: the connection is closed.
     */
    private static void letGoOfALeftClient(RoutingContext ctx) {
        if (ctx.failure() instanceof IOException && ctx.response().headWritten()) {
            ctx.request().connection().close();
        } else {
            ctx.next();
        }
    }

    private static void answer(RoutingContext ctx) {
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().setStatusCode(ctx.statusCode()).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                    .end(HttpResponseStatus.valueOf(ctx.statusCode()).reasonPhrase());
        }
    }
}

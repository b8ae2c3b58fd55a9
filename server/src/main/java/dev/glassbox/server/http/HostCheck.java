package dev.glassbox.server.http;

import io.vertx.core.Handler;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Refuses requests whose {@code Host} is not this server's, with 421: a DNS-rebinding page (a name
 * the attacker controls, re-pointed at 127.0.0.1) would otherwise be "same origin" with the server
 * and could use it from the visitor's browser. Localhost names and IP addresses are always
 * accepted: rebinding needs a name; other names must be listed.
 */
public final class HostCheck implements Handler<RoutingContext> {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowed = new HashSet<>(Set.of("localhost"));

    /** @param names extra host names (GLASSBOX_ALLOWED_HOSTS and the listen address), any case */
    public HostCheck(List<String> names) {
        names.forEach(name -> allowed.add(normalize(name)));
    }

    @Override
    public void handle(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        if (authority != null && allows(authority.host())) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(421).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("This server does not answer to that host name; list it in GLASSBOX_ALLOWED_HOSTS.");
    }

    boolean allows(String host) {
        String name = normalize(host);
        return allowed.contains(name) || IPV4.matcher(name).matches() || name.contains(":");
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    private static String normalize(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}

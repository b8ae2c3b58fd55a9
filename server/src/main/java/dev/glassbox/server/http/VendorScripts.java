package dev.glassbox.server.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * {@code /vendor/marked.js} and {@code /vendor/purify.js}: the page's third-party modules, served
 * from their WebJars on the classpath under version-free names, so the page never names a version
 * and needs no CDN.
 */
public final class VendorScripts implements Handler<RoutingContext> {
    private static final String WEBJARS = "META-INF/resources/webjars/";

    private final Map<String, String> files;

    public VendorScripts() {
        Properties versions = new Properties();
        try (InputStream in = VendorScripts.class.getResourceAsStream("/glassbox-vendor.properties")) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files = Map.of(
                "marked.js", WEBJARS + "marked/" + versions.getProperty("marked") + "/lib/marked.esm.js",
                "purify.js", WEBJARS + "dompurify/" + versions.getProperty("dompurify") + "/dist/purify.es.mjs");
    }

    @Override
    public void handle(RoutingContext ctx) {
        String file = files.get(ctx.pathParam("name"));
        if (file == null) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Content-Type", "text/javascript; charset=utf-8").sendFile(file);
    }
}

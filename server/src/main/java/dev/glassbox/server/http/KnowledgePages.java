package dev.glassbox.server.http;

import dev.glassbox.core.guard.FolderFiles;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * {@code /knowledge/<file>.md}: the knowledge files the agent answers from, read-only, so a cited
 * passage can be opened. The file is rendered in the browser by the page's own Markdown pipeline
 * ({@code knowledge.html}, same sanitizer, same Content-Security-Policy), which fetches the text from
 * {@code /knowledge/<file>.md?format=md}. Only Markdown files inside the folder are served: names
 * are checked strictly, and the file is read by {@link FolderFiles}, the same rules the index reads by:
 * no link, only a regular file whose real path stays inside the folder.
 */
public final class KnowledgePages implements Handler<RoutingContext> {
    static final String PREFIX = "/knowledge/";
    /** Path segments of letters, digits, '.', '_' and '-', none starting with '.', ending in .md. */
    private static final Pattern FILE = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9._-]*/){0,8}[A-Za-z0-9_-][A-Za-z0-9._-]*\\.md");
    private static final long MAX_BYTES = 1024 * 1024;
    private static final String VIEWER = "webroot/knowledge.html";

    private final Path folder;

    public KnowledgePages(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String relative = ctx.normalizedPath().substring(PREFIX.length());
        if (!FILE.matcher(relative).matches()) {
            notFound(ctx, "Only Markdown files of the knowledge folder are served here.");
            return;
        }
        if (!"md".equals(ctx.request().getParam("format"))) {
            ctx.vertx().executeBlocking(() -> read(relative) != null).onComplete(found -> {
                if (found.succeeded() && found.result()) {
                    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                            .putHeader("Cache-Control", "no-cache").sendFile(VIEWER);
                } else {
                    notFound(ctx, "There is no knowledge file " + relative + ".");
                }
            });
            return;
        }
        ctx.vertx().executeBlocking(() -> read(relative)).onComplete(read -> {
            if (read.failed() || read.result() == null) {
                notFound(ctx, "There is no knowledge file " + relative + ".");
                return;
            }
            ctx.response()
                    .putHeader("Content-Type", "text/markdown; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache")
                    // Opened on its own, the text is inert: no script, no plugin, no same-origin rights.
                    .putHeader("Content-Security-Policy", "default-src 'none'; sandbox")
                    .end(Buffer.buffer(read.result()));
        });
    }

    /** The file's bytes, or null when the knowledge folder's reading rules refuse it. */
    byte[] read(String relative) throws IOException {
        return FolderFiles.readOne(folder, relative, MAX_BYTES).orElse(null);
    }

    private static void notFound(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
    }
}

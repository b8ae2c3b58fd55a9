package dev.glassbox.server.http;

import dev.glassbox.core.guard.FolderFiles;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * {@code /knowledge/<file>.md}: the knowledge files the agent answers from, read-only, so a cited
 * passage can be opened. The file is rendered in the browser by the page's own Markdown pipeline
 * ({@code knowledge.html}, same sanitizer, same Content-Security-Policy), which fetches the text from
 * {@code /knowledge/<file>.md?format=md}. Only Markdown files inside the folder are served. The path
 * names the file as the page links it: each name percent-encoded as UTF-8 (JavaScript's
 * {@code encodeURIComponent}), so a file named with a space or any letter opens like any other. No name may
 * be empty or start with '.' (no "..", no hidden file), and the file is read by {@link FolderFiles}, the same
 * rules the index reads by: no link, only a regular file whose real path stays inside the folder.
 */
public final class KnowledgePages implements Handler<RoutingContext> {
    static final String PREFIX = "/knowledge/";
    private static final long MAX_BYTES = 1024 * 1024;
    private static final String VIEWER = "webroot/knowledge.html";

    private final Path folder;

    public KnowledgePages(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    @Override
    public void handle(RoutingContext ctx) {
        String relative = fileOf(ctx.normalizedPath().substring(PREFIX.length()));
        if (relative == null) {
            notFound(ctx, "Only Markdown files of the knowledge folder are served here.");
            return;
        }
        if (!"md".equals(ctx.request().getParam("format"))) {
            // The viewer fetches the text itself: here the file need only be one that would be served.
            ctx.vertx().executeBlocking(() -> FolderFiles.admits(folder, relative, MAX_BYTES)).onComplete(found -> {
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

    /**
     * The file's path inside the folder, its names joined by '/', from the request path after the prefix; null
     * unless every name is non-empty, does not start with '.', is UTF-8 percent-encoded (only printable ASCII
     * as is) and decodes to no '/' or NUL, and the last ends in ".md".
     */
    static String fileOf(String encoded) {
        StringJoiner names = new StringJoiner("/");
        for (String segment : encoded.split("/", -1)) {
            String name = decoded(segment);
            if (name == null || name.isEmpty() || name.startsWith(".") || name.indexOf('/') >= 0
                    || name.indexOf('\0') >= 0) {
                return null;
            }
            names.add(name);
        }
        String file = names.toString();
        return file.endsWith(".md") ? file : null;
    }

    /** The percent-decoded name, or null when an escape is cut short or the bytes are not UTF-8. */
    private static String decoded(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                if (i + 2 >= segment.length() || !HexFormat.isHexDigit(segment.charAt(i + 1))
                        || !HexFormat.isHexDigit(segment.charAt(i + 2))) {
                    return null;
                }
                bytes.write(HexFormat.fromHexDigits(segment, i + 1, i + 3));
                i += 2;
            } else if (c > ' ' && c < 0x7f) {
                bytes.write(c);
            } else {
                return null; // a browser encodes everything else
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    /** The file's bytes, or null when the knowledge folder's reading rules refuse it. */
    byte[] read(String relative) throws IOException {
        return FolderFiles.readOne(folder, relative, MAX_BYTES).orElse(null);
    }

    private static void notFound(RoutingContext ctx, String message) {
        ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
    }
}

package dev.glassbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.RawHttp;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The knowledge files, read-only over HTTP: only Markdown inside the folder, never through a link. */
class KnowledgePagesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path root;
    private static LocalServer server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("glassbox-pages");
        Path knowledge = Files.createDirectories(root.resolve("knowledge"));
        Files.writeString(knowledge.resolve("costs.md"), "# Costs\n\n## Idle monthly cost\n\nNothing at all.\n");
        Files.createDirectories(knowledge.resolve("deep"));
        Files.writeString(knowledge.resolve("deep/nested.md"), "# Nested\n\nDeeper knowledge.\n");
        Files.writeString(root.resolve("secret.md"), "# Secret\n\nOutside the folder.\n");
        Files.writeString(knowledge.resolve("notes.txt"), "not Markdown");
        Files.createSymbolicLink(knowledge.resolve("linked.md"), root.resolve("secret.md"));
        Files.createSymbolicLink(knowledge.resolve("outside"), root);
        Files.createDirectories(knowledge.resolve("bäckerei 2026"));
        Files.writeString(knowledge.resolve("bäckerei 2026/Öffnungszeiten & Brot (neu) 100%+.md"),
                "# Bakery hours\n\nThe bakery sells rye bread from seven in the morning, Monday to Saturday.\n");
        Files.writeString(knowledge.resolve("名前 it's.md"), "# Names\n\nA file named in Japanese.\n");
        Files.writeString(knowledge.resolve(".hidden.md"), "# Hidden\n\nNot served.\n");
        Files.writeString(knowledge.resolve("viewed.md"), "# Viewed\n\nOpened in the viewer.\n");
        server = LocalServer.start(knowledge, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKnowledgeFileOpensInTheViewerAndItsTextIsInert() throws Exception {
        HttpResponse<String> page = get("/knowledge/costs.md");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.body()).contains("knowledge.js");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("script-src 'self'");

        HttpResponse<String> text = get("/knowledge/costs.md?format=md");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).get().asString().startsWith("text/markdown");
        assertThat(text.headers().firstValue("Content-Security-Policy")).get().asString().contains("sandbox");
        assertThat(text.body()).contains("## Idle monthly cost");
        assertThat(get("/knowledge/deep/nested.md?format=md").body()).contains("Deeper knowledge.");
    }

    /** The viewer fetches the text itself: the page needs only to know the file would be served, not to read it. */
    @Test
    void theViewerLooksTheFileUpWithoutReadingIt() throws Exception {
        Path file = root.resolve("knowledge/viewed.md");
        FileTime longAgo = FileTime.from(Instant.now().minus(Duration.ofDays(3)));
        Files.setAttribute(file, "lastAccessTime", longAgo);

        assertThat(get("/knowledge/viewed.md").statusCode()).isEqualTo(200);
        assertThat(Files.getAttribute(file, "lastAccessTime")).as("read for the viewer").isEqualTo(longAgo);

        assertThat(get("/knowledge/viewed.md?format=md").body()).contains("Opened in the viewer.");
        assumeTrue(!longAgo.equals(Files.getAttribute(file, "lastAccessTime")), "the file system records reads");
    }

    @Test
    void nothingButMarkdownInsideTheFolderIsServed() throws Exception {
        for (String path : new String[] {"/knowledge/missing.md", "/knowledge/notes.txt", "/knowledge/%2e%2e/secret.md",
            "/knowledge/..%2fsecret.md", "/knowledge/.hidden.md", "/knowledge/deep//nested.md%00.md"}) {
            HttpResponse<String> refused = get(path + "?format=md");
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.body()).as(path).doesNotContain("Outside the folder");
            assertThat(get(path).statusCode()).as(path + " in the viewer").isEqualTo(404);
        }
    }

    /** A cited file named with a space, an umlaut or a reserved character opens from the link the page builds. */
    @Test
    void aCitedFileWithAnyNameOpensFromItsLink() throws Exception {
        Vertx clients = Vertx.vertx();
        try (ProtocolClient client = ProtocolClient.connect(clients, server.port())) {
            client.ask("bread", "When does the bakery sell rye bread?");
            List<JsonObject> events = client.untilEnd("bread");
            String source = events.stream().filter(e -> "trace".equals(e.getString("type")))
                    .map(e -> e.getJsonObject("step")).filter(s -> "retrieval".equals(s.getString("kind")))
                    .findFirst().orElseThrow().getJsonArray("references").getJsonObject(0).getString("source");
            assertThat(source).isEqualTo("bäckerei 2026/Öffnungszeiten & Brot (neu) 100%+.md");

            String link = "/knowledge/" + encodeLikeThePage(source);
            assertThat(get(link).statusCode()).as(link).isEqualTo(200);
            HttpResponse<String> text = get(link + "?format=md");
            assertThat(text.statusCode()).as(link).isEqualTo(200);
            assertThat(text.body()).contains("rye bread from seven");
        } finally {
            LocalServer.await(clients.close(), Duration.ofSeconds(10));
        }
        assertThat(get("/knowledge/" + encodeLikeThePage("名前 it's.md") + "?format=md").body()).contains("Japanese");
    }

    /** Sent as is: malformed escapes, bytes that are not UTF-8, dots and separators in disguise, raw non-ASCII. */
    @Test
    void anOddlyEncodedPathIsRefusedNotGuessed() throws Exception {
        for (String path : new String[] {"/knowledge/%FF.md", "/knowledge/%C3.md", "/knowledge/%2.md",
            "/knowledge/%zz.md", "/knowledge/%2ehidden.md", "/knowledge/%2Ehidden.md", "/knowledge/.hidden.md",
            "/knowledge/b%C3%A4ckerei%202026%2F..%2F..%2Fsecret.md", "/knowledge/costs.md%00",
            "/knowledge/%C0%AE%C0%AE/secret.md", "/knowledge/costs%2Emd%2F", "/knowledge/\u00e5\u0090\u008d\u00e5\u0089\u008d%20it's.md",
            "/knowledge/%E5%90%8D%E5%89%8D it's.md", "/knowledge/%E5%90%8D%E5%89%8D%20it's.md/"}) {
            String response = RawHttp.exchange(server.port(),
                    "GET " + path + "?format=md HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response).as(path).matches("(?s)HTTP/1\\.[01] 40[04] .*")
                    .doesNotContain("Outside the folder").doesNotContain("Not served").doesNotContain("Japanese");
        }
    }

    @Test
    void aSymbolicLinkIsNeverFollowed() throws Exception {
        for (String path : new String[] {"/knowledge/linked.md", "/knowledge/outside/secret.md",
            "/knowledge/outside/knowledge/costs.md"}) {
            HttpResponse<String> refused = get(path + "?format=md");
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.body()).as(path).doesNotContain("Outside the folder");
        }
    }

    @Test
    void thePageConfigNamesWhereSourcesOpen() throws Exception {
        assertThat(get("/config.json").body()).contains("\"webSocketUrl\":\"/ws\"").doesNotContain("sourcesBaseUrl");
    }

    /** What the page's sourceHref does: each name of the path through encodeURIComponent. */
    private static String encodeLikeThePage(String file) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : file.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c == '/' || Character.isLetterOrDigit(c) && c < 0x80 || "-_.!~*'()".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

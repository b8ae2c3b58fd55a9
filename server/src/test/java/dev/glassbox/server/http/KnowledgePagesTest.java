package dev.glassbox.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

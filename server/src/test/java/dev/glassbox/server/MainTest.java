package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration ends the process with a clear message and a non-zero exit code, never a bare stack trace. */
class MainTest {

    @Test
    void aMissingKnowledgeFolderExitsWithCode2AndSaysWhatToDo() throws Exception {
        Result result = run("GLASSBOX_KNOWLEDGE_DIR", "/nonexistent/knowledge");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.stderr).startsWith("glassbox: The knowledge folder /nonexistent/knowledge does not exist")
                .contains("GLASSBOX_KNOWLEDGE_DIR").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownBackendExitsWithCode2() throws Exception {
        Result result = run("GLASSBOX_BACKEND", "magic");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.stderr).contains("GLASSBOX_BACKEND=magic is not a backend").doesNotContain("\tat ");
    }

    @Test
    void anUnknownLogLevelExitsWithCode2() throws Exception {
        Result result = run("GLASSBOX_LOG_LEVEL", "loud");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.stderr).startsWith("glassbox: GLASSBOX_LOG_LEVEL=loud is not a log level")
                .doesNotContain("\tat ");
    }

    @Test
    void aStartThatFailsWhileIndexingExitsAtOnce(@TempDir Path temp) throws Exception {
        Path knowledge = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(knowledge.resolve("a.md"), "# A\n\nSome text.\n");
        Process process = builder("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString())
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("indexing the knowledge base")) {
            // until the server listens and starts indexing
        }
        // Gone while the embedding model loads: indexing fails after the graceful-shutdown hook is installed.
        try (var files = Files.walk(knowledge)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try {
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited within 10 s of the failure").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
        } finally {
            process.destroyForcibly();
        }
    }

    private record Result(int exitCode, String stderr) {
    }

    private static Result run(String name, String value) throws Exception {
        Process process = builder(name, value).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static ProcessBuilder builder(String name, String value) {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().put("GLASSBOX_KNOWLEDGE_DIR", LocalServer.KNOWLEDGE.toString());
        builder.environment().put("GLASSBOX_PORT", "0");
        builder.environment().put("GLASSBOX_CACHE_DIR", Path.of("target", "embedding-cache").toAbsolutePath().toString());
        builder.environment().put(name, value);
        return builder;
    }
}

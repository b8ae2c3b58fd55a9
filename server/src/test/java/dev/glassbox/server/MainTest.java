package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.JavaProcess;
import dev.glassbox.core.testing.JavaProcess.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line: bad configuration ends the process with a clear message and a non-zero exit code, never a bare
 * stack trace; --help and --version print without starting anything; a mistyped option is refused.
 */
class MainTest {

    @Test
    void helpPrintsTheCommandsAndStartsNothing() throws Exception {
        Result result = run("GLASSBOX_PORT", "0", "--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).startsWith("Usage: glassbox [-hV] [COMMAND]").contains("serve", "report",
                "GLASSBOX_*");
        Result report = run("GLASSBOX_PORT", "0", "report", "--help");
        assertThat(report.exitCode()).isZero();
        assertThat(report.stdout()).startsWith("Usage: glassbox report [-hV]");
    }

    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        Result result = run("GLASSBOX_PORT", "0", "--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).matches("glassbox \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void anUnknownOptionOrCommandExitsWithCode2AndTheUsageLine() throws Exception {
        Result option = run("GLASSBOX_PORT", "0", "--prot", "9601");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.stderr()).startsWith("glassbox: Unknown option").contains("Usage: glassbox [-hV] [COMMAND]");
        Result command = run("GLASSBOX_PORT", "0", "reprot");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.stderr()).contains("reprot").contains("report").contains("Usage: glassbox");
    }

    @Test
    void aBadSettingOfServeExitsWithCode2() throws Exception {
        Result result = run("GLASSBOX_PORT", "80000", "serve");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).isEqualTo("glassbox: GLASSBOX_PORT must be a whole number from 0 to 65535, not "
                + "'80000'." + System.lineSeparator());
    }

    @Test
    void aMissingKnowledgeFolderExitsWithCode2AndSaysWhatToDo() throws Exception {
        Result result = run("GLASSBOX_KNOWLEDGE_DIR", "/nonexistent/knowledge");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("glassbox: The knowledge folder /nonexistent/knowledge does not exist")
                .contains("GLASSBOX_KNOWLEDGE_DIR").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUnknownBackendExitsWithCode2() throws Exception {
        Result result = run("GLASSBOX_BACKEND", "magic");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("GLASSBOX_BACKEND=magic is not a backend").doesNotContain("\tat ");
    }

    @Test
    void anUnknownLogLevelExitsWithCode2() throws Exception {
        Result result = run("GLASSBOX_LOG_LEVEL", "loud");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).startsWith("glassbox: GLASSBOX_LOG_LEVEL=loud is not a log level")
                .doesNotContain("\tat ");
    }

    @Test
    void aStartThatFailsWhileIndexingExitsAtOnce(@TempDir Path temp) throws Exception {
        // DJL cannot unpack the tokenizer's native library into a "folder" that is a file: the embedding model fails
        // to load after the server listens, once the graceful-shutdown hook is installed. (The folder is read at the
        // same time as the model loads, so deleting it no longer makes a start fail.)
        Path notAFolder = Files.writeString(temp.resolve("djl-cache"), "a file");
        ProcessBuilder builder = builder("GLASSBOX_CACHE_DIR", temp.resolve("cache").toString());
        builder.environment().put("DJL_CACHE_DIR", notAFolder.toString());
        Path log = temp.resolve("output.log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited, not held by the shutdown hook").isTrue();
            assertThat(Files.readString(log)).contains("indexing the knowledge base").contains("could not index");
            assertThat(process.exitValue()).isEqualTo(1);
        } finally {
            process.destroyForcibly();
        }
    }

    private static Result run(String name, String value, String... args) throws Exception {
        return JavaProcess.run(Main.class, env(name, value), args);
    }

    private static ProcessBuilder builder(String name, String value) {
        return JavaProcess.builder(Main.class, env(name, value));
    }

    private static Map<String, String> env(String name, String value) {
        Map<String, String> env = new HashMap<>();
        env.put("GLASSBOX_KNOWLEDGE_DIR", LocalServer.KNOWLEDGE.toString());
        env.put("GLASSBOX_PORT", "0");
        env.put("GLASSBOX_CACHE_DIR", Path.of("target", "embedding-cache").toAbsolutePath().toString());
        env.put(name, value);
        return env;
    }
}

package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

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

    private record Result(int exitCode, String stderr) {
    }

    private static Result run(String name, String value) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName());
        builder.environment().put("GLASSBOX_KNOWLEDGE_DIR", LocalServer.KNOWLEDGE.toString());
        builder.environment().put(name, value);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}

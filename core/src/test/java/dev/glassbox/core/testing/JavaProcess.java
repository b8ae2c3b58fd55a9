package dev.glassbox.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An entry point run as a person runs it: its own JVM on the test class path, its exit code and its output. */
public final class JavaProcess {

    /** What the process left: exit code, standard output, standard error. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private JavaProcess() {
    }

    /** A builder for {@code main} with {@code args}, without this machine's GLASSBOX_* settings, with {@code env}. */
    public static ProcessBuilder builder(Class<?> main, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("GLASSBOX_"));
        builder.environment().putAll(env);
        return builder;
    }

    /** Runs to the end, which must come within a minute. */
    public static Result run(Class<?> main, Map<String, String> env, String... args) throws Exception {
        return run(builder(main, env, args));
    }

    /** Runs what {@code builder} describes to the end, which must come within a minute. */
    public static Result run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited on its own").isTrue();
            return new Result(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }
}

package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM while ONNX Runtime creates the model's session stops the JVM like any other SIGTERM. Without
 * {@link StopSignalsHeld} the binding's shutdown hook frees the native environment under the load and the
 * JVM dies with SIGSEGV: 11 of 12 such stops crashed when this was measured, so five clean stops in a row
 * would not happen by luck.
 */
class StopDuringModelLoadTest {
    private static final int STOPS = 5;
    private static final int SIGTERM_EXIT = 128 + 15;

    @Test
    void stoppingWhileTheModelLoadsEndsTheJvmWithoutACrash(@TempDir Path crashLogs) throws Exception {
        for (int i = 0; i < STOPS; i++) {
            Path output = crashLogs.resolve("output-" + i + ".txt");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:ErrorFile=" + crashLogs.resolve("hs_err_pid%p.log"), "-cp", System.getProperty("java.class.path"),
                    ModelLoadLoop.class.getName());
            builder.redirectErrorStream(true).redirectOutput(output.toFile());
            Process process = builder.start();
            try {
                awaitLoading(output);
                // Somewhere in the first loads, a few hundred milliseconds each.
                Thread.sleep(ThreadLocalRandom.current().nextLong(100, 1_500));
                process.toHandle().destroy(); // SIGTERM
                process.waitFor(60, TimeUnit.SECONDS);
            } finally {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            String said = Files.readString(output);
            Files.delete(output);
            try (var logs = Files.list(crashLogs)) {
                assertThat(logs).as("JVM crash logs after stop " + (i + 1) + "; output: " + said).isEmpty();
            }
            assertThat(process.exitValue()).as("exit status after stop " + (i + 1) + "; output: " + said)
                    .isEqualTo(SIGTERM_EXIT);
        }
    }

    private static void awaitLoading(Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(output).contains("loading")) {
            assertThat(System.nanoTime()).as("the loop started within 60 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

package dev.glassbox.lambda;

import dev.glassbox.core.feedback.MemoryFeedbackStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda init without SnapStart: builds the container in five fresh JVMs and prints each time, then
 * the first offline answer. Run after mvn package, from the repository root:
 * {@code java -cp ws-lambda/target/glassbox-ws-lambda.jar:ws-lambda/target/test-classes dev.glassbox.lambda.InitTimeBenchmark}
 */
public final class InitTimeBenchmark {
    private static final int RUNS = 5;

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("once")) {
            long start = System.nanoTime();
            Container container = new Container(OfflineSettings.create(), new MemoryStateStore(),
                    new MemoryFeedbackStore(100, 100));
            long built = System.nanoTime();
            container.prime();
            long primed = System.nanoTime();
            System.out.printf("container %d ms, first offline answer %d ms%n", (built - start) / 1_000_000,
                    (primed - built) / 1_000_000);
            System.exit(0);
        }
        for (int run = 0; run < RUNS; run++) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), InitTimeBenchmark.class.getName(), "once"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putIfAbsent("AWS_REGION", "us-east-1"); // the SDK clients need one to be built
            Process process = builder.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                lines.lines().filter(line -> line.startsWith("container ")).forEach(System.out::println);
            }
            process.waitFor();
        }
    }
}

package dev.glassbox.lambda.local;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.lambda.Dynalite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's command, run on the packaged jar: the local API Gateway in its own JVM, keeping state
 * in dynalite, answering from the fake Bedrock. Proves the lean jar still holds every class it needs.
 */
class PackagedJarIT {
    private static final Path JAR = Path.of("target", "glassbox-ws-lambda.jar");
    /** 24.7 MB before the gateway's command line took picocli (0.5 MB) in 2026-12. */
    private static final long MAX_JAR_BYTES = 25_500_000;

    @Test
    void theJarRunsTheCloudPathOnALaptop() throws Exception {
        assertThat(Files.size(JAR)).as("jar bytes").isLessThanOrEqualTo(MAX_JAR_BYTES);
        Vertx vertx = Vertx.vertx();
        FakeBedrock bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process gateway = null;
        try (Dynalite dynalite = Dynalite.startWithTable()) {
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", JAR.toString(), LocalGateway.class.getName()).redirectErrorStream(true);
            builder.environment().putAll(FakeBedrockSettings.of(bedrock, Map.of(
                    "GLASSBOX_GATEWAY_PORT", String.valueOf(port),
                    "GLASSBOX_DYNAMODB_ENDPOINT", dynalite.endpoint().toString())));
            gateway = builder.start();
            List<String> output = new CopyOnWriteArrayList<>();
            CountDownLatch ready = new CountDownLatch(1);
            Process running = gateway;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        output.add(line);
                        if (line.startsWith("{\"time\"") && line.contains(
                                "\"message\":\"Local API Gateway is ready: ws://localhost:" + port + "/local\"")) {
                            ready.countDown();
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("ready line in %s", output).isTrue();
            assertThat(output).as("a start without warnings").noneMatch(line -> line.contains("\"level\":\"WARNING\""));

            try (ProtocolClient client = ProtocolClient.connect(vertx, port, "/local", FakeBedrockSettings.ORIGIN)) {
                client.ask("jar-1", "How much does Glassbox cost?");
                List<JsonObject> events = client.untilEnd("jar-1");
                JsonObject done = events.get(events.size() - 1);
                assertThat(done.getString("type")).isEqualTo("done");
                assertThat(done.getDouble("costUsd")).isPositive();
                client.send(new JsonObject().put("action", "resume").put("id", "jar-1")
                        .put("sessionId", events.get(0).getString("sessionId")).put("after", 1));
                assertThat(client.next().getString("text")).as("healed from DynamoDB").isEqualTo(done.getString("text"));
                client.send(new JsonObject().put("action", "feedback").put("id", "jar-1")
                        .put("sessionId", events.get(0).getString("sessionId")).put("verdict", "down")
                        .put("comment", "Too vague."));
                assertThat(client.next().getString("type")).isEqualTo("feedback");
            }
            String report = report(dynalite);
            assertThat(report).as("the owner's report, read from DynamoDB by the jar").contains("Answers marked down (1)")
                    .contains("1x  How much does Glassbox cost?").contains("comment: Too vague.");
            var items = dynalite.client.scan(s -> s.tableName(Dynalite.TABLE)).join().items();
            assertThat(items).as("state kept in DynamoDB").isNotEmpty();
            assertThat(output).as("JSON log lines").anyMatch(line -> line.startsWith("{\"time\"")
                    && line.contains("\"answerId\":\"jar-1\""));
        } finally {
            if (gateway != null) {
                gateway.destroy();
                gateway.waitFor(10, TimeUnit.SECONDS);
            }
            await(bedrock.close(), Duration.ofSeconds(10));
            await(vertx.close(), Duration.ofSeconds(10));
        }
    }

    /** The README's report command for the cloud, reaching DynamoDB through the SDK's standard endpoint setting. */
    private static String report(Dynalite dynalite) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", JAR.toString(), "dev.glassbox.lambda.CloudFeedbackReport", "--table", Dynalite.TABLE)
                .redirectErrorStream(true);
        builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        Process report = builder.start();
        String output = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(report.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report.exitValue()).as(output).isZero();
        return output;
    }
}

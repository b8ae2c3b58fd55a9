package dev.glassbox.lambda.local;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.core.cli.Cli;
import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.lambda.Dynalite;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The packaged jars. The Lambda jar is under its size target and holds every class the functions need: the local API
 * Gateway runs on it in its own JVM, adding only its own classes, core's command line and picocli, keeps state in
 * dynalite and answers from the fake Bedrock. The tools jar runs the README's commands: the gateway and the report.
 */
class PackagedJarIT {
    private static final Path LAMBDA_JAR = Path.of("target", "glassbox-ws-lambda.jar");
    private static final Path TOOLS_JAR = Path.of("target", "glassbox-ws-lambda-tools.jar");
    /** The references allowed to point at what the Lambda jar leaves out: an async client's paginator and waiter methods. */
    private static final Pattern UNCALLED = Pattern.compile(
            "software\\.amazon\\.awssdk\\.services\\.\\w+\\.\\w*AsyncClient"
                    + " -> software\\.amazon\\.awssdk\\.services\\.\\w+\\.(paginators|waiters)\\.[\\w$]+");
    /** The design target: 25.3 MB in 2026-12 before the local gateway, picocli and unused SDK and Netty parts left. */
    private static final long MAX_LAMBDA_JAR_BYTES = 25_000_000;

    @Test
    void theLambdaJarRunsTheCloudPathOnALaptop() throws Exception {
        assertThat(Files.size(LAMBDA_JAR)).as("Lambda jar bytes").isLessThanOrEqualTo(MAX_LAMBDA_JAR_BYTES);
        Vertx vertx = Vertx.vertx();
        FakeBedrock bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process gateway = null;
        try (Dynalite dynalite = Dynalite.startWithTable()) {
            ProcessBuilder builder = new ProcessBuilder(java(), "-cp", lambdaJarWithTheGateway(),
                    LocalGateway.class.getName()).redirectErrorStream(true);
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

    /**
     * What the Lambda jar leaves out must be unreachable from what it keeps: jdeps lists every class each class refers
     * to, "not found" when the jar lacks it. Classes that neither jar has (optional dependencies of the libraries) do
     * not count; only two kinds of reference may point at what was left out, from methods nothing here calls.
     */
    @Test
    void nothingInTheLambdaJarRefersToWhatOnlyTheToolsJarHolds() throws Exception {
        StringWriter listing = new StringWriter();
        int status = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(listing),
                new PrintWriter(listing), "--multi-release", "17", "-verbose:class", "-filter:none", LAMBDA_JAR.toString());
        assertThat(status).as(listing.toString()).isZero();
        Set<String> leftOut = classes(TOOLS_JAR);
        leftOut.removeAll(classes(LAMBDA_JAR));
        List<String> dangling = listing.toString().lines().filter(line -> line.endsWith("not found"))
                .map(line -> line.trim().split("\\s+"))
                .filter(reference -> reference.length == 5 && leftOut.contains(reference[2]))
                .map(reference -> reference[0] + " -> " + reference[2])
                .filter(reference -> !UNCALLED.matcher(reference).matches()).toList();
        assertThat(dangling).as("references to classes the Lambda jar leaves out").isEmpty();
    }

    /**
     * Every provider a service file of either jar names is a class of that jar: ServiceLoader fails on the first
     * one it cannot load, so a provider left out by the shade's filters breaks every lookup of that service.
     */
    @Test
    void everyServiceFileNamesOnlyClassesOfItsJar() throws IOException {
        for (Path jar : List.of(LAMBDA_JAR, TOOLS_JAR)) {
            Set<String> classes = classes(jar);
            List<String> missing = new ArrayList<>();
            int named = 0;
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry entry : zip.stream().filter(e -> e.getName().startsWith("META-INF/services/")
                        && !e.isDirectory()).toList()) {
                    String text = new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                    for (String line : text.lines().map(l -> l.replaceFirst("#.*", "").strip())
                            .filter(l -> !l.isEmpty()).toList()) {
                        named++;
                        if (!classes.contains(line)) {
                            missing.add(entry.getName() + ": " + line);
                        }
                    }
                }
            }
            assertThat(named).as("providers named in %s", jar).isPositive();
            assertThat(missing).as("providers %s names but leaves out", jar).isEmpty();
        }
    }

    @Test
    void theToolsJarHoldsTheGateway() throws Exception {
        Process version = new ProcessBuilder(java(), "-cp", TOOLS_JAR.toString(), LocalGateway.class.getName(),
                "--version").redirectErrorStream(true).start();
        String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).startsWith("local-gateway ");
    }

    /** The README's report command for the cloud, reaching DynamoDB through the SDK's standard endpoint setting. */
    private static String report(Dynalite dynalite) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", TOOLS_JAR.toString(),
                "dev.glassbox.lambda.CloudFeedbackReport", "--table", Dynalite.TABLE).redirectErrorStream(true);
        builder.environment().put("AWS_ENDPOINT_URL_DYNAMODB", dynalite.endpoint().toString());
        Process report = builder.start();
        String output = new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(report.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(report.exitValue()).as(output).isZero();
        return output;
    }

    /**
     * The Lambda jar first, then where this test found the gateway's classes, core's command line and picocli: the
     * glassbox classes there add nothing else, so every library class comes from the Lambda jar.
     */
    private static String lambdaJarWithTheGateway() throws Exception {
        List<String> path = new ArrayList<>(List.of(LAMBDA_JAR.toString()));
        for (Class<?> added : List.of(LocalGateway.class, Cli.class, CommandLine.class)) {
            String location = Path.of(added.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            if (!path.contains(location)) {
                path.add(location);
            }
        }
        return String.join(File.pathSeparator, path);
    }

    private static Set<String> classes(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(name -> name.endsWith(".class")
                    && !name.startsWith("META-INF/")).map(name -> name.substring(0, name.length() - ".class".length())
                    .replace('/', '.')).collect(Collectors.toCollection(HashSet::new));
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

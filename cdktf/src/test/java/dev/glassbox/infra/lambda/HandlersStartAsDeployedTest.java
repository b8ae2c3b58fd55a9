package dev.glassbox.infra.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.glassbox.infra.GlassboxStack;
import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.Main;
import dev.glassbox.lambda.local.StackEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each variant's functions start as deployed: synthesized with the real Lambda jar, every
 * {@code aws_lambda_function}'s handler is constructed in a fresh JVM whose environment is exactly
 * what the stack sets (references replaced by values shaped like AWS's) plus what Lambda's runtime
 * adds, with the jar the stack ships as its classpath, and SnapStart's checkpoint hook is run.
 */
class HandlersStartAsDeployedTest {
    static final Path LAMBDA_JAR = Path.of("..", "ws-lambda", "target", "glassbox-ws-lambda.jar");
    /** The variants whose functions differ: the backend decides what each function's environment holds. */
    static final Map<String, Map<String, String>> VARIANTS = Map.of(
            "rag", Map.of(),
            "agent", Map.of("GLASSBOX_AGENT_MODE", "bedrock-agent", "GLASSBOX_MODEL_ID", "eu.amazon.nova-lite-v1:0"));

    @TempDir
    Path out;

    @Test
    void everyFunctionOfEveryVariantStartsWithTheEnvironmentTheStackGivesIt() throws Exception {
        assertThat(LAMBDA_JAR).as("the Lambda jar; build it first: mvn -B -pl cdktf -am -DskipTests package")
                .isRegularFile();
        for (Map.Entry<String, Map<String, String>> variant : VARIANTS.entrySet()) {
            Map<String, String> settings = new HashMap<>(Map.of("AWS_REGION", "eu-west-1",
                    "GLASSBOX_STATE_BUCKET", "test-state", "GLASSBOX_LAMBDA_JAR", LAMBDA_JAR.toString()));
            settings.putAll(variant.getValue());
            Path dir = out.resolve(variant.getKey());
            App app = new App(AppConfig.builder().outdir(dir.toString()).build());
            new GlassboxStack(app, Main.STACK, InfraSettings.fromEnvironment(settings));
            app.synth();
            Path stack = dir.resolve("stacks").resolve(Main.STACK);
            Map<String, StackEnvironment.Function> functions = StackEnvironment.read(stack);
            assertThat(functions.keySet()).containsExactlyInAnyOrder("handler", "worker");
            for (StackEnvironment.Function function : functions.values()) {
                start(variant.getKey(), stack, function);
            }
        }
    }

    private static void start(String variant, Path stack, StackEnvironment.Function function) throws Exception {
        Path jar = stack.resolve(function.filename());
        assertThat(jar).as("the code the stack ships").isRegularFile();
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.crac.Core.Compat=" + dev.glassbox.infra.lambda.snapshot.Core.class.getPackageName(),
                "-cp", jar.toAbsolutePath() + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(),
                StartHandler.class.getName(), function.handler()))
                .redirectErrorStream(true)
                .redirectOutput(stack.resolve(function.name() + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(function.environment());
        environment.putAll(lambdaRuntime(function.name()));
        Process process = builder.start();
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        process.destroyForcibly();
        String output = Files.readString(stack.resolve(function.name() + ".log"), StandardCharsets.UTF_8);
        assertThat(ended).as("the %s function started within 3 minutes; it said:%n%s", function.name(), output).isTrue();
        assertThat(process.exitValue()).as("the %s function of the %s variant, with%n%s%nsaid:%n%s", function.name(),
                variant, function.environment(), output).isZero();
        assertThat(output).contains("started and primed");
    }

    /** What Lambda's runtime itself puts in every function's environment (credentials are fakes: no call is made). */
    private static Map<String, String> lambdaRuntime(String name) {
        return Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_DEFAULT_REGION", "eu-west-1",
                "AWS_LAMBDA_FUNCTION_NAME", "glassbox-" + name,
                "AWS_LAMBDA_FUNCTION_VERSION", "1",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                "AWS_EXECUTION_ENV", "AWS_Lambda_java21",
                "AWS_LAMBDA_LOG_FORMAT", "JSON",
                "AWS_ACCESS_KEY_ID", "ASIAFAKEFORTESTS",
                "AWS_SECRET_ACCESS_KEY", "fake",
                "AWS_SESSION_TOKEN", "fake");
    }
}

package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform itself validates the synthesized OpenSearch variant, offline, with the AWS provider
 * 5.100.0 from the machine's plugin mirror. Skipped, with the reason printed, only where there is
 * no Terraform or no mirror.
 */
class TerraformValidateTest {
    private static final List<Path> MIRRORS = List.of(Path.of("/opt/tf-plugins"),
            Path.of("/usr/share/terraform/plugins"), Path.of(System.getProperty("user.home"), ".terraform.d", "plugins"));

    @TempDir
    Path out;

    @Test
    void terraformValidatesTheOpenSearchVariant() throws Exception {
        Optional<Path> mirror = mirror();
        if (mirror.isEmpty() || !onPath("terraform")) {
            String reason = "skipping terraform validate: " + (mirror.isEmpty()
                    ? "no AWS provider 5.100.0 plugin mirror on this machine" : "no terraform on the PATH");
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        App app = new App(AppConfig.builder().outdir(out.toString()).build());
        new GlassboxStack(app, Main.STACK, InfraSettings.fromEnvironment(Map.of(
                "GLASSBOX_VECTOR_STORE", "OPENSEARCH_SERVERLESS", "GLASSBOX_AGENT_MODE", "bedrock-agent",
                "GLASSBOX_ALERT_EMAIL", "ops@example.org")));
        app.synth();
        Path stack = out.resolve("stacks").resolve(Main.STACK);
        Path cli = stack.resolve("mirror.tfrc");
        Files.writeString(cli, """
                provider_installation {
                  filesystem_mirror {
                    path    = "%s"
                    include = ["registry.terraform.io/hashicorp/aws"]
                  }
                  direct {
                    exclude = ["registry.terraform.io/hashicorp/aws"]
                  }
                }
                """.formatted(mirror.get()));
        assertThat(terraform(stack, cli, "init", "-backend=false", "-input=false", "-no-color")).contains("initialized");
        assertThat(terraform(stack, cli, "validate", "-no-color")).contains("The configuration is valid");
    }

    private static String terraform(Path dir, Path cli, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("TF_CLI_CONFIG_FILE", cli.toString());
        builder.environment().put("TF_IN_AUTOMATION", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("terraform %s said:%n%s", args[0], output).isZero();
        return output;
    }

    private static Optional<Path> mirror() {
        return MIRRORS.stream()
                .filter(p -> Files.isDirectory(p.resolve("registry.terraform.io/hashicorp/aws/5.100.0")))
                .findFirst();
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}

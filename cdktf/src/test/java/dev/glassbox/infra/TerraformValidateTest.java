package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terraform itself validates every variant, offline, with an AWS provider 6.x from a plugin mirror
 * ({@code GLASSBOX_TF_MIRROR}, else {@code /opt/tf-plugins}). CI on GitHub mirrors the provider the
 * lock file pins; where no 6.x mirror exists (this team's build machines have only 5.100.0), the
 * test is skipped with the reason printed, and {@link ProviderSchemaTest} checks the same
 * configurations against the committed 6.x schema instead.
 */
class TerraformValidateTest {

    @TempDir
    Path out;

    @Test
    void terraformValidatesEveryVariant() throws Exception {
        Optional<Path> mirror = mirror();
        if (mirror.isEmpty() || !onPath("terraform")) {
            String reason = "skipping terraform validate: " + (mirror.isEmpty()
                    ? "no AWS provider 6.x plugin mirror (set GLASSBOX_TF_MIRROR)" : "no terraform on the PATH");
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        for (Map.Entry<String, Map<String, String>> variant : Variants.ALL.entrySet()) {
            Path dir = out.resolve(variant.getKey());
            App app = new App(AppConfig.builder().outdir(dir.toString()).build());
            new GlassboxStack(app, Main.STACK, InfraSettings.fromEnvironment(Synth.settings(variant.getValue())));
            app.synth();
            Path stack = dir.resolve("stacks").resolve(Main.STACK);
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
            assertThat(terraform(stack, cli, "init", "-backend=false", "-input=false", "-no-color"))
                    .as(variant.getKey()).contains("initialized");
            assertThat(terraform(stack, cli, "validate", "-no-color")).as(variant.getKey())
                    .contains("The configuration is valid");
        }
    }

    private static String terraform(Path dir, Path cli, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("terraform"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("TF_CLI_CONFIG_FILE", cli.toString());
        builder.environment().put("TF_IN_AUTOMATION", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("terraform %s in %s said:%n%s", args[0], dir, output).isZero();
        return output;
    }

    /** A mirror holding some 6.x version of the AWS provider. */
    private static Optional<Path> mirror() throws IOException {
        Path root = Path.of(System.getenv().getOrDefault("GLASSBOX_TF_MIRROR", "/opt/tf-plugins"));
        Path aws = root.resolve("registry.terraform.io/hashicorp/aws");
        if (!Files.isDirectory(aws)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(aws)) {
            boolean six = versions.anyMatch(v -> v.getFileName().toString().startsWith("6."));
            return six ? Optional.of(root) : Optional.empty();
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}

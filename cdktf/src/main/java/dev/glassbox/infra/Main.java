package dev.glassbox.infra;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.glassbox.core.cli.Cli;
import dev.glassbox.core.log.JsonLogging;
import dev.glassbox.core.settings.SettingException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar cdktf/target/glassbox-cdktf.jar --out DIR}: writes {@code DIR/stacks/glassbox/cdk.tf.json}. Under
 * {@code cdktf synth} the CLI chooses the folder.
 */
@Command(name = "glassbox-cdktf", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Synthesizes the Glassbox stack for Terraform: DIR/stacks/glassbox/cdk.tf.json. Needs Node.js, "
                + "in which the CDK for Terraform library runs.",
        footer = {"", "Settings are GLASSBOX_* environment variables (README.md, Deploy to AWS)."})
public final class Main implements Callable<Integer> {
    public static final String STACK = "glassbox";

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the stack (default: cdktf.out, or "
            + "the folder cdktf synth chooses)")
    private Path out;

    public static void main(String[] args) {
        System.exit(Cli.run(new Main(), args));
    }

    @Override
    public Integer call() {
        JsonLogging.install();
        long started = System.nanoTime();
        // Read before the app starts Node.js, so a bad setting is reported at once.
        InfraSettings settings = InfraSettings.fromEnvironment(System.getenv());
        AppConfig.Builder config = AppConfig.builder();
        if (out != null) {
            config.outdir(out.toString());
        }
        App app = new App(config.build());
        try {
            new GlassboxStack(app, STACK, settings);
        } catch (IllegalArgumentException e) {
            // a Lambda jar that was not built is reported like a bad setting: GLASSBOX_LAMBDA_JAR names it
            throw new SettingException(e.getMessage());
        }
        app.synth();
        System.out.printf("Synthesized %s in %d ms%n",
                (out != null ? out : Path.of("cdktf.out")).resolve(Path.of("stacks", STACK, "cdk.tf.json")),
                (System.nanoTime() - started) / 1_000_000);
        return 0;
    }
}

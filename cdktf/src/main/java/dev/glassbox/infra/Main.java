package dev.glassbox.infra;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import dev.glassbox.core.log.JsonLogging;
import java.nio.file.Path;

/**
 * {@code java -jar cdktf/target/glassbox-cdktf.jar --out DIR}: writes
 * {@code DIR/stacks/glassbox/cdk.tf.json}. Under {@code cdktf synth} the CLI chooses the folder.
 */
public final class Main {
    public static final String STACK = "glassbox";

    private Main() {
    }

    public static void main(String[] args) {
        JsonLogging.install();
        long started = System.nanoTime();
        AppConfig.Builder config = AppConfig.builder();
        String out = outDir(args);
        if (out != null) {
            config.outdir(out);
        }
        App app = new App(config.build());
        try {
            // a bad setting, or a Lambda jar that was not built, is reported like any other setting
            new GlassboxStack(app, STACK, InfraSettings.fromEnvironment(System.getenv()));
        } catch (IllegalArgumentException e) {
            System.err.println("glassbox-cdktf: " + e.getMessage());
            System.exit(2);
            return;
        }
        app.synth();
        System.out.printf("Synthesized %s in %d ms%n",
                Path.of(out != null ? out : "cdktf.out", "stacks", STACK, "cdk.tf.json"),
                (System.nanoTime() - started) / 1_000_000);
    }

    private static String outDir(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--out")) {
                return args[i + 1];
            }
        }
        return null;
    }
}

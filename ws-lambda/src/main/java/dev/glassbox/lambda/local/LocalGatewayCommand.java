package dev.glassbox.lambda.local;

import dev.glassbox.core.cli.Cli;
import dev.glassbox.core.log.JsonLogging;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.settings.SettingException;
import dev.glassbox.core.settings.Settings;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The local API Gateway's command line: its settings, its options, and the line that says it is ready. */
@Command(name = "local-gateway", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "API Gateway's WebSocket API on this machine: ws://localhost:PORT/local runs the Lambda "
                + "handlers in this process, answering from Amazon Bedrock.",
        footer = {"", "Settings: GLASSBOX_GATEWAY_PORT (8081) and the functions' GLASSBOX_* settings "
                + "(README.md, Configuration)."})
final class LocalGatewayCommand implements Callable<Integer> {
    @Option(names = "--stack", paramLabel = "DIR", description = "a synthesized stack (cdktf.out, or a folder "
            + "holding cdk.tf.json): run with its functions' environment, this machine's GLASSBOX_* on top")
    private Path stack;
    @Spec
    private CommandSpec spec;

    static void main(String[] args) {
        Cli.serve(new LocalGatewayCommand(), args);
    }

    @Override
    public Integer call() {
        JsonLogging.install();
        Logger log = Logger.getLogger(LocalGateway.class.getName());
        int port = (int) new Settings(System.getenv()).number("GLASSBOX_GATEWAY_PORT", 8081, 0, 65_535);
        Map<String, String> env = System.getenv();
        if (stack != null) {
            try {
                env = StackEnvironment.forLocalGateway(stack, env);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--stack: " + e.getMessage());
            }
        }
        Vertx vertx = Vertx.vertx();
        LocalGateway.start(vertx, port, env)
                .onSuccess(gateway -> {
                    String url = "ws://localhost:" + gateway.port() + "/local";
                    Log.announce(log, "Local API Gateway is ready: " + url, "url", url);
                })
                .onFailure(e -> {
                    System.err.println("local-gateway: " + e.getMessage());
                    // A bad setting is the operator's to fix, like every bad setting; anything else is a failure.
                    System.exit(e instanceof SettingException ? Cli.USAGE : 1);
                });
        return 0;
    }
}

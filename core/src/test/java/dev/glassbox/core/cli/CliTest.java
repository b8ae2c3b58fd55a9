package dev.glassbox.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.settings.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What every entry point inherits: usage errors and bad settings exit with 2 and one clear message. */
class CliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Command(name = "tool", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class)
    static final class Tool implements Callable<Integer> {
        @Option(names = "--count")
        int count;
        final Map<String, String> env;
        boolean ran;

        Tool(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            new Settings(env).number("GLASSBOX_COUNT", 1, 1, 9);
            ran = true;
            return 0;
        }
    }

    private int run(Tool tool, String... args) {
        CommandLine line = Cli.commandLine(tool);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    void anUnknownOptionExitsWith2AndTheUsageLine() {
        Tool tool = new Tool(Map.of());
        assertThat(run(tool, "--cuont", "3")).isEqualTo(2);
        assertThat(err.toString()).startsWith("tool: Unknown options: '--cuont', '3'")
                .contains("Usage: tool [-hV] [--count=<count>]").contains("Try 'tool --help'");
        assertThat(tool.ran).isFalse();
    }

    @Command(name = "needs")
    static final class NeedsTable implements Callable<Integer> {
        @Option(names = "--table", required = true)
        String table;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void aMistypedRequiredOptionIsReportedAsUnknownNotAsMissing() {
        CommandLine line = Cli.commandLine(new NeedsTable());
        line.setErr(new PrintWriter(err, true));
        assertThat(line.execute("--tabel", "x")).isEqualTo(2);
        assertThat(err.toString()).startsWith("needs: Unknown options: '--tabel', 'x'")
                .contains("Possible solutions: --table").doesNotContain("Missing required option");
    }

    @Test
    void aBadSettingExitsWith2AndNamesTheVariable() {
        assertThat(run(new Tool(Map.of("GLASSBOX_COUNT", "many")))).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("tool: GLASSBOX_COUNT must be a whole number from 1 to 9, not 'many'."
                + System.lineSeparator());
    }

    @Test
    void helpAndVersionPrintWithoutRunning() {
        Tool tool = new Tool(Map.of());
        assertThat(run(tool, "--help")).isZero();
        assertThat(out.toString()).contains("Usage: tool").contains("--version");
        assertThat(run(tool, "--version")).isZero();
        assertThat(out.toString()).containsPattern("tool \\d+\\.\\d+\\.\\d+");
        assertThat(tool.ran).isFalse();
        assertThat(err.toString()).isEmpty();
    }
}

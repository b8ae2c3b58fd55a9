package dev.glassbox.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.JavaProcess;
import dev.glassbox.core.testing.JavaProcess.Result;
import dev.glassbox.infra.smoke.SmokeCheck;
import dev.glassbox.infra.sync.KnowledgeSync;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The infrastructure's three commands, run as CI runs them (their own JVM): --help and --version print and exit 0,
 * a mistyped option exits 2 with the usage line, a bad setting exits 2 with one line naming it, never a stack trace.
 */
class CommandLinesTest {
    private static final String SYNC_OPTIONS = "--dir knowledge-that-is-not-here --bucket b --knowledge-base KB "
            + "--data-source DS";

    @Test
    void theStackApp() throws Exception {
        assertHelpAndVersion(Main.class, "glassbox-cdktf", "Usage: glassbox-cdktf [-hV] [--out=DIR]");
        assertUnknownOption(Main.class, "glassbox-cdktf", "--outdir", "cdktf.out");
        Result bad = JavaProcess.run(Main.class, Map.of("GLASSBOX_LOCAL_STATE", "true",
                "GLASSBOX_AGENT_MODE", "magic"), "--out", "target/never-written");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).isEqualTo("glassbox-cdktf: GLASSBOX_AGENT_MODE must be bedrock-rag or "
                + "bedrock-agent, not 'magic'." + System.lineSeparator());
    }

    @Test
    void knowledgeSync() throws Exception {
        assertHelpAndVersion(KnowledgeSync.class, "knowledge-sync", "Usage: knowledge-sync [-hV] [--dry-run]");
        assertUnknownOption(KnowledgeSync.class, "knowledge-sync", (SYNC_OPTIONS + " --dryrun").split(" "));
        Result missing = JavaProcess.run(KnowledgeSync.class, Map.of(), SYNC_OPTIONS.split(" "));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("knowledge-sync: --dir: the folder ")
                .contains("knowledge-that-is-not-here does not exist.").contains("Usage: knowledge-sync");
        Result bad = JavaProcess.run(KnowledgeSync.class, Map.of("GLASSBOX_SYNC_POLL_MS", "often"),
                SYNC_OPTIONS.replace("knowledge-that-is-not-here", "src").split(" "));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).isEqualTo("knowledge-sync: GLASSBOX_SYNC_POLL_MS must be a whole number from 10 to "
                + "600000, not 'often'." + System.lineSeparator());
    }

    @Test
    void smokeCheck() throws Exception {
        assertHelpAndVersion(SmokeCheck.class, "smoke-check", "Usage: smoke-check [-hV]");
        assertUnknownOption(SmokeCheck.class, "smoke-check", "--url", "ws://localhost:9/", "--origin",
                "http://localhost", "--questoin", "Why?");
        Result bad = JavaProcess.run(SmokeCheck.class, Map.of("GLASSBOX_LOG_LEVEL", "loud"),
                "--url", "ws://localhost:9/", "--origin", "http://localhost");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).startsWith("smoke-check: GLASSBOX_LOG_LEVEL=loud is not a log level")
                .doesNotContain("\tat ");
    }

    private static void assertHelpAndVersion(Class<?> main, String name, String usage) throws Exception {
        Result help = JavaProcess.run(main, Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith(usage);
        Result version = JavaProcess.run(main, Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).matches(name + " \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    private static void assertUnknownOption(Class<?> main, String name, String... args) throws Exception {
        Result typo = JavaProcess.run(main, Map.of(), args);
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).startsWith(name + ": ").contains("Unknown option").contains("Usage: " + name)
                .doesNotContain("\tat ");
    }
}

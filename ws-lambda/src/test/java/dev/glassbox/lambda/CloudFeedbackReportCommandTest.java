package dev.glassbox.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.JavaProcess;
import dev.glassbox.core.testing.JavaProcess.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cloud feedback report's command line: help, version, and a missing or mistyped option refused with 2. */
class CloudFeedbackReportCommandTest {

    @Test
    void helpVersionAndUsageErrors() throws Exception {
        Result help = JavaProcess.run(CloudFeedbackReport.class, Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: cloud-feedback-report [-hV] --table=NAME");
        Result version = JavaProcess.run(CloudFeedbackReport.class, Map.of(), "--version");
        assertThat(version.stdout()).matches("cloud-feedback-report \\d+\\.\\d+\\.\\d+\\S*\\R");
        Result typo = JavaProcess.run(CloudFeedbackReport.class, Map.of(), "--table", "glassbox-state", "--tabel", "x");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).startsWith("cloud-feedback-report: Unknown options")
                .contains("Usage: cloud-feedback-report");
        Result missing = JavaProcess.run(CloudFeedbackReport.class, Map.of());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("cloud-feedback-report: Missing required option: '--table=NAME'");
    }
}

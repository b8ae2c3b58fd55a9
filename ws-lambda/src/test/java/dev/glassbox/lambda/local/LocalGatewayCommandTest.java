package dev.glassbox.lambda.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.testing.JavaProcess;
import dev.glassbox.core.testing.JavaProcess.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local API Gateway's command line, run as a person runs it: its own JVM, its exit code, its output. */
class LocalGatewayCommandTest {

    @Test
    void helpAndVersionPrintWithoutStarting() throws Exception {
        Result help = run(Map.of(), "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).startsWith("Usage: local-gateway [-hV] [--stack=DIR]").contains("GLASSBOX_GATEWAY_PORT");
        Result version = run(Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).matches("local-gateway \\d+\\.\\d+\\.\\d+\\S*\\R");
    }

    @Test
    void anUnknownOptionOrAMissingStackExitsWith2AndTheUsageLine() throws Exception {
        Result typo = run(Map.of(), "--stak", "cdktf.out");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.stderr()).startsWith("local-gateway: Unknown option").contains("Usage: local-gateway");
        Result missing = run(Map.of("GLASSBOX_GATEWAY_PORT", "0"), "--stack", "/nonexistent/cdktf.out");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("local-gateway: --stack: no synthesized stack in /nonexistent/cdktf.out")
                .contains("Usage: local-gateway").doesNotContain("\tat ");
    }

    @Test
    void badSettingsExitWith2AndNameTheVariable() throws Exception {
        Result port = run(Map.of("GLASSBOX_GATEWAY_PORT", "eighty"));
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.stderr()).isEqualTo("local-gateway: GLASSBOX_GATEWAY_PORT must be a whole number from 0 to "
                + "65535, not 'eighty'." + System.lineSeparator());
        Result level = run(Map.of("GLASSBOX_LOG_LEVEL", "loud"));
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.stderr()).startsWith("local-gateway: GLASSBOX_LOG_LEVEL=loud is not a log level")
                .doesNotContain("\tat ");
        Result host = run(Map.of("GLASSBOX_GATEWAY_PORT", "0", "GLASSBOX_HOST", "local host"));
        assertThat(host.exitCode()).isEqualTo(2);
        assertThat(host.stderr()).startsWith("local-gateway: GLASSBOX_HOST must be a host name or IP address");
        Result budget = run(Map.of("GLASSBOX_GATEWAY_PORT", "0", "GLASSBOX_DAILY_BUDGET_USD", "lots"));
        assertThat(budget.exitCode()).as("a function's setting, read once the gateway listens").isEqualTo(2);
        assertThat(budget.stderr()).isEqualTo("local-gateway: GLASSBOX_DAILY_BUDGET_USD must be a positive number "
                + "such as 1.0, not 'lots'." + System.lineSeparator());
    }

    @Test
    void noRegionExitsWith2AndNamesAwsRegion() throws Exception {
        ProcessBuilder builder = JavaProcess.builder(LocalGateway.class, Map.of("GLASSBOX_GATEWAY_PORT", "0",
                "AWS_CONFIG_FILE", "/nonexistent/aws-config", "AWS_EC2_METADATA_DISABLED", "true"));
        builder.environment().remove("AWS_REGION");
        Result noRegion = JavaProcess.run(builder);
        assertThat(noRegion.exitCode()).isEqualTo(2);
        assertThat(noRegion.stderr()).startsWith("local-gateway: AWS_REGION is not set; set it to ").endsWith(
                "(or give the AWS profile a region)." + System.lineSeparator()).hasLineCount(1);
    }

    @Test
    void noCredentialsExitsWith2AndNamesThem() throws Exception {
        ProcessBuilder builder = JavaProcess.builder(LocalGateway.class, Map.of("GLASSBOX_GATEWAY_PORT", "0",
                "AWS_CONFIG_FILE", "/nonexistent/aws-config", "AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-creds",
                "AWS_EC2_METADATA_DISABLED", "true"));
        List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_WEB_IDENTITY_TOKEN_FILE").forEach(builder.environment()::remove);
        Result noCredentials = JavaProcess.run(builder);
        assertThat(noCredentials.exitCode()).isEqualTo(2);
        assertThat(noCredentials.stderr()).isEqualTo("local-gateway: no AWS credentials found; set AWS_ACCESS_KEY_ID "
                + "and AWS_SECRET_ACCESS_KEY or AWS_PROFILE (any values do when the Bedrock endpoints are a fake "
                + "Bedrock's)." + System.lineSeparator());
    }

    private static Result run(Map<String, String> env, String... args) throws Exception {
        return JavaProcess.run(LocalGateway.class, env, args);
    }
}

package dev.glassbox.infra;

import dev.glassbox.core.cost.PriceTable;
import dev.glassbox.core.settings.SettingException;
import dev.glassbox.core.settings.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the stack is built with, from environment variables with defaults that deploy a working,
 * cheap Glassbox. Invalid values fail synth with the variable's name.
 *
 * @param stateBucket S3 bucket for remote state (with a lock file); null only when local state was asked for
 * @param alertEmail where budget alerts go; null sends none
 * @param domainName optional custom domain for the site, with {@code certificateArn} (ACM, us-east-1)
 * @param pageRepositoryUrl the repository the page's first screen links to; null for no link
 * @param pageSourcesUrl where the page opens cited knowledge files, e.g. the repository's blob URL of
 *     {@code knowledge/}; null for none (the cloud serves no knowledge pages of its own)
 */
public record InfraSettings(
        String region,
        String prefix,
        AgentMode agentMode,
        String modelId,
        String embeddingModelId,
        List<String> allowedOrigins,
        double monthlyBudgetUsd,
        double dailyBudgetUsd,
        String alertEmail,
        String domainName,
        String certificateArn,
        String stateBucket,
        String stateKey,
        Path lambdaJar,
        Integer workerConcurrency,
        Integer handlerConcurrency,
        String pageRepositoryUrl,
        String pageSourcesUrl) {

    public enum AgentMode {
        BEDROCK_RAG("bedrock-rag"), BEDROCK_AGENT("bedrock-agent");

        private final String wireName;

        AgentMode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The settings in {@code env}; a bad or missing one throws a {@link SettingException} naming it. */
    public static InfraSettings fromEnvironment(Map<String, String> env) {
        Settings read = new Settings(env);
        String mode = read.oneOf("GLASSBOX_AGENT_MODE", AgentMode.BEDROCK_RAG.wireName(),
                Arrays.stream(AgentMode.values()).map(AgentMode::wireName).toList());
        AgentMode agentMode = Arrays.stream(AgentMode.values()).filter(m -> m.wireName().equals(mode)).findFirst()
                .orElseThrow();
        // The OpenSearch Serverless variant was removed: nothing created its vector index, and its
        // two-OCU floor costs about $350 a month (knowledge/design-decisions.md).
        read.oneOf("GLASSBOX_VECTOR_STORE", "S3_VECTORS", List.of("S3_VECTORS"));
        String prefix = read.matching("GLASSBOX_NAME_PREFIX", "glassbox", "[a-z][a-z0-9-]{1,20}",
                "2 to 21 lower-case letters, digits or hyphens, starting with a letter");
        String domain = read.optional("GLASSBOX_DOMAIN_NAME");
        String certificate = read.optional("GLASSBOX_CERTIFICATE_ARN");
        if ((domain == null) != (certificate == null)) {
            throw new SettingException(
                    "GLASSBOX_DOMAIN_NAME and GLASSBOX_CERTIFICATE_ARN go together: set both or neither.");
        }
        String stateBucket = read.optional("GLASSBOX_STATE_BUCKET");
        if (stateBucket == null && !read.flag("GLASSBOX_LOCAL_STATE")) {
            // Local state on a CI runner is lost with the runner, and the next deploy collides with
            // the names the lost state created.
            throw new SettingException("GLASSBOX_STATE_BUCKET is not set: name the S3 bucket that keeps the "
                    + "Terraform state (or set GLASSBOX_LOCAL_STATE=true for a stack that only this machine manages).");
        }
        String modelId = read.text("GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0");
        if (!PriceTable.defaults().prices(modelId)) {
            throw new SettingException("GLASSBOX_MODEL_ID '" + modelId + "' has no price in core's prices.json:"
                    + " the daily budget could not count its answers (add its price there first).");
        }
        return new InfraSettings(
                read.text("AWS_REGION", "us-east-1"),
                prefix,
                agentMode,
                modelId,
                read.text("GLASSBOX_EMBEDDING_MODEL_ID", "amazon.titan-embed-text-v2:0"),
                read.origins("GLASSBOX_ALLOWED_ORIGINS"),
                read.positive("GLASSBOX_MONTHLY_BUDGET_USD", 5),
                read.positive("GLASSBOX_DAILY_BUDGET_USD", 1),
                read.optional("GLASSBOX_ALERT_EMAIL"),
                domain,
                certificate,
                stateBucket,
                read.text("GLASSBOX_STATE_KEY", "glassbox/terraform.tfstate"),
                Path.of(read.text("GLASSBOX_LAMBDA_JAR", "ws-lambda/target/glassbox-ws-lambda.jar")),
                reservedConcurrency(read, "GLASSBOX_WORKER_CONCURRENCY"),
                reservedConcurrency(read, "GLASSBOX_HANDLER_CONCURRENCY"),
                // The page drops other links too, but a wrong value should fail the deploy, not silently leave
                // visitors without links.
                text(read.optionalUri("GLASSBOX_PAGE_REPOSITORY_URL")),
                text(read.optionalUri("GLASSBOX_PAGE_SOURCES_URL")));
    }

    private static String text(URI uri) {
        return uri == null ? null : uri.toString();
    }

    /**
     * Reserved concurrency is off unless asked for: Lambda keeps 100 of an account's concurrency
     * unreserved and new accounts often have a quota of 10 or 50, so any default would fail there.
     */
    private static Integer reservedConcurrency(Settings read, String name) {
        Long number = read.optionalNumber(name, 1, 100_000);
        return number == null ? null : number.intValue();
    }
}

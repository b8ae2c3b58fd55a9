package dev.glassbox.infra;

import dev.glassbox.core.cost.PriceTable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

    public static InfraSettings fromEnvironment(Map<String, String> env) {
        String mode = env.getOrDefault("GLASSBOX_AGENT_MODE", "bedrock-rag");
        AgentMode agentMode = Arrays.stream(AgentMode.values()).filter(m -> m.wireName().equals(mode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "GLASSBOX_AGENT_MODE must be bedrock-rag or bedrock-agent, not '" + mode + "'"));
        String store = env.getOrDefault("GLASSBOX_VECTOR_STORE", "S3_VECTORS").strip().toUpperCase(Locale.ROOT);
        if (!store.equals("S3_VECTORS")) {
            // The OpenSearch Serverless variant was removed: nothing created its vector index, and its
            // two-OCU floor costs about $350 a month (knowledge/design-decisions.md).
            throw new IllegalArgumentException("GLASSBOX_VECTOR_STORE can only be S3_VECTORS, not '" + store + "'");
        }
        String prefix = env.getOrDefault("GLASSBOX_NAME_PREFIX", "glassbox");
        if (!prefix.matches("[a-z][a-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("GLASSBOX_NAME_PREFIX must be 2 to 21 lower-case letters, digits or "
                    + "hyphens, starting with a letter, not '" + prefix + "'");
        }
        String domain = blankToNull(env.get("GLASSBOX_DOMAIN_NAME"));
        String certificate = blankToNull(env.get("GLASSBOX_CERTIFICATE_ARN"));
        if ((domain == null) != (certificate == null)) {
            throw new IllegalArgumentException(
                    "GLASSBOX_DOMAIN_NAME and GLASSBOX_CERTIFICATE_ARN go together: set both or neither");
        }
        String stateBucket = blankToNull(env.get("GLASSBOX_STATE_BUCKET"));
        if (stateBucket == null && !Boolean.parseBoolean(env.getOrDefault("GLASSBOX_LOCAL_STATE", "false"))) {
            // Local state on a CI runner is lost with the runner, and the next deploy collides with
            // the names the lost state created.
            throw new IllegalArgumentException("GLASSBOX_STATE_BUCKET is not set: name the S3 bucket that keeps the "
                    + "Terraform state (or set GLASSBOX_LOCAL_STATE=true for a stack that only this machine manages)");
        }
        String modelId = env.getOrDefault("GLASSBOX_MODEL_ID", "amazon.nova-lite-v1:0").strip();
        if (!PriceTable.defaults().prices(modelId)) {
            throw new IllegalArgumentException("GLASSBOX_MODEL_ID '" + modelId + "' has no price in core's prices.json:"
                    + " the daily budget could not count its answers (add its price there first)");
        }
        return new InfraSettings(
                env.getOrDefault("AWS_REGION", "us-east-1"),
                prefix,
                agentMode,
                modelId,
                env.getOrDefault("GLASSBOX_EMBEDDING_MODEL_ID", "amazon.titan-embed-text-v2:0"),
                Arrays.stream(env.getOrDefault("GLASSBOX_ALLOWED_ORIGINS", "").split(","))
                        .map(String::strip).filter(o -> !o.isEmpty()).toList(),
                number(env, "GLASSBOX_MONTHLY_BUDGET_USD", 5),
                number(env, "GLASSBOX_DAILY_BUDGET_USD", 1),
                blankToNull(env.get("GLASSBOX_ALERT_EMAIL")),
                domain,
                certificate,
                stateBucket,
                env.getOrDefault("GLASSBOX_STATE_KEY", "glassbox/terraform.tfstate"),
                Path.of(env.getOrDefault("GLASSBOX_LAMBDA_JAR", "ws-lambda/target/glassbox-ws-lambda.jar")),
                reservedConcurrency(env, "GLASSBOX_WORKER_CONCURRENCY"),
                reservedConcurrency(env, "GLASSBOX_HANDLER_CONCURRENCY"),
                httpUrl(env, "GLASSBOX_PAGE_REPOSITORY_URL"),
                httpUrl(env, "GLASSBOX_PAGE_SOURCES_URL"));
    }

    /**
     * An optional absolute http(s) URL for the page's config.json. The page drops anything else too,
     * but a wrong value should fail the deploy, not silently leave visitors without links.
     */
    private static String httpUrl(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && uri.getUserInfo() == null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be an absolute http:// or https:// URL without user "
                + "information, not '" + value + "'");
    }

    /**
     * Reserved concurrency is off unless asked for: Lambda keeps 100 of an account's concurrency
     * unreserved and new accounts often have a quota of 10 or 50, so any default would fail there.
     */
    private static Integer reservedConcurrency(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        double number = number(env, name, 0);
        if (number != Math.rint(number)) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
        }
        return (int) number;
    }

    private static double number(Map<String, String> env, String name, double fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            double number = Double.parseDouble(value.strip());
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive number, not '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}

package dev.glassbox.server.config;

import dev.glassbox.core.bedrock.BedrockAgentBackend;
import dev.glassbox.core.bedrock.BedrockRagBackend;
import dev.glassbox.core.bedrock.BedrockSettings;
import dev.glassbox.core.pipeline.PipelineSettings;
import dev.glassbox.core.settings.SettingException;
import dev.glassbox.core.settings.Settings;
import dev.glassbox.server.http.HttpSettings;
import dev.glassbox.server.http.SocketSettings;
import dev.glassbox.server.paced.PacedBackend;
import dev.glassbox.server.openai.OpenAiBackend;
import dev.glassbox.server.openai.OpenAiSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The local server's settings, read from {@code GLASSBOX_*} environment variables with defaults
 * that work on a laptop. Every bad value is reported by name, with what would be accepted.
 *
 * @param allowedOrigins origins allowed to open {@code /ws}; empty means this server's own origin and localhost
 * @param openAi the model server's settings when the backend is {@code openai}, else null
 * @param bedrock the Bedrock settings when the backend is {@code bedrock-agent} or {@code bedrock-rag}, else null
 * @param sockets the limits on WebSockets
 * @param shutdownGraceMs how long running answers may take to finish when the server stops
 * @param pacedTokens for the {@code paced} load-test backend: tokens per answer
 * @param pacedTokensPerSecond for the {@code paced} load-test backend: tokens per second per answer
 * @param pacedTokenPadding for the {@code paced} load-test backend: extra characters per token
 * @param pageWebSocketUrl where the page connects instead of this server's /ws, e.g. the local API
 *     Gateway; null for /ws
 * @param eventLoops event loops, each serving its share of the sockets (one per core by default)
 * @param http the listen address and the limits on HTTP connections
 * @param maxKnowledgeFileBytes larger knowledge files are skipped and reported
 * @param pageRepositoryUrl the repository the page's first screen links to, or null for no link
 * @param pageSourcesUrl where the page opens knowledge files, e.g. the repository's blob URL of
 *     knowledge/; null for this server's own /knowledge/ pages
 */
public record ServerConfig(
        int port,
        Path knowledgeDir,
        String backend,
        List<String> allowedOrigins,
        long localPaceMs,
        Path cacheDir,
        long watchIntervalMs,
        PipelineSettings pipeline,
        OpenAiSettings openAi,
        BedrockSettings bedrock,
        SocketSettings sockets,
        long shutdownGraceMs,
        int pacedTokens,
        int pacedTokensPerSecond,
        int pacedTokenPadding,
        URI pageWebSocketUrl,
        int eventLoops,
        HttpSettings http,
        long maxKnowledgeFileBytes,
        URI pageRepositoryUrl,
        URI pageSourcesUrl) {

    private static final Set<String> BACKENDS = Set.of("local", OpenAiBackend.NAME, BedrockAgentBackend.NAME,
            BedrockRagBackend.NAME, PacedBackend.NAME);
    private static final String DEFAULT_MODEL = "amazon.nova-lite-v1:0";

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        Settings read = new Settings(env);
        int port = (int) read.number("GLASSBOX_PORT", 8080, 0, 65_535);
        Path knowledge = Path.of(read.text("GLASSBOX_KNOWLEDGE_DIR", "knowledge")).toAbsolutePath().normalize();
        String backend = read.text("GLASSBOX_BACKEND", "local");
        if (!BACKENDS.contains(backend)) {
            throw new SettingException("GLASSBOX_BACKEND=" + backend + " is not a backend; use local, openai, "
                    + BedrockAgentBackend.NAME + ", " + BedrockRagBackend.NAME + " or, for load tests, "
                    + PacedBackend.NAME + ".");
        }
        if (usesLocalKnowledge(backend) && !Files.isDirectory(knowledge)) {
            throw new SettingException("The knowledge folder " + knowledge + " does not exist. Run from the "
                    + "repository root or set GLASSBOX_KNOWLEDGE_DIR to a folder of Markdown files.");
        }
        List<String> origins = read.origins("GLASSBOX_ALLOWED_ORIGINS");
        Path cache = cacheDir(env);
        PipelineSettings defaults = PipelineSettings.defaults();
        int asksPerMinute = (int) read.number("GLASSBOX_ASKS_PER_MINUTE", 20, 1, 60_000);
        int clientAsksPerMinute = (int) read.number("GLASSBOX_CLIENT_ASKS_PER_MINUTE", 60, 1, 600_000);
        PipelineSettings pipeline = defaults
                .withCoalesceWindowMs(read.number("GLASSBOX_COALESCE_MS", defaults.coalesceWindowMs(), 0, 1_000))
                .withAskRate((int) read.number("GLASSBOX_ASK_BURST", defaults.askBurst(), 1, 100_000),
                        Math.max(1, 60_000L / asksPerMinute))
                .withClientAskRate((int) read.number("GLASSBOX_CLIENT_ASK_BURST", defaults.clientAskBurst(), 1,
                        1_000_000), Math.max(1, 60_000L / clientAsksPerMinute))
                .withAnswerTimeoutMs(read.number("GLASSBOX_ANSWER_TIMEOUT_MS", defaults.answerTimeoutMs(),
                        1_000, 3_600_000));
        long readTimeoutMs = read.number("GLASSBOX_READ_TIMEOUT_MS", 120_000, 1_000, 3_600_000);
        boolean traceVerbose = read.flag("GLASSBOX_TRACE_VERBOSE");
        OpenAiSettings openAi = backend.equals(OpenAiBackend.NAME)
                ? new OpenAiSettings(read.url("GLASSBOX_OPENAI_BASE_URL", "http://localhost:11434/v1").toString(),
                        read.required("GLASSBOX_OPENAI_MODEL", "the model to ask, e.g. llama3.2"),
                        apiKey(read), readTimeoutMs, traceVerbose)
                : null;
        BedrockSettings bedrock = backend.startsWith("bedrock-") ? bedrock(backend, read, readTimeoutMs, traceVerbose) : null;
        long pingIntervalMs = read.number("GLASSBOX_PING_INTERVAL_MS", 30_000, 50, 3_600_000);
        HttpSettings http = http(read, pingIntervalMs);
        int eventLoops = (int) read.number("GLASSBOX_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 1_024);
        return new ServerConfig(port, knowledge, backend, origins,
                read.number("GLASSBOX_LOCAL_PACE_MS", 12, 0, 1_000), cache,
                read.number("GLASSBOX_WATCH_INTERVAL_MS", 1_000, 50, 3_600_000), pipeline, openAi, bedrock,
                new SocketSettings(
                        (int) read.number("GLASSBOX_MAX_SOCKETS", 10_000, 1, 1_000_000),
                        (int) read.number("GLASSBOX_MAX_SOCKETS_PER_IP", 32, 1, 1_000_000),
                        (int) read.number("GLASSBOX_WRITE_QUEUE_BYTES", 256 * 1024, 1_024, 64 * 1024 * 1024),
                        read.number("GLASSBOX_WRITE_BUDGET_BYTES", 64L * 1024 * 1024, 64 * 1024, 1L << 40) / eventLoops,
                        read.number("GLASSBOX_READ_BUDGET_BYTES", 32L * 1024 * 1024, 64 * 1024, 1L << 40) / eventLoops,
                        pingIntervalMs,
                        read.number("GLASSBOX_IDLE_TIMEOUT_MS", 600_000, 100, 86_400_000)),
                read.number("GLASSBOX_SHUTDOWN_GRACE_MS", 5_000, 0, 600_000),
                (int) read.number("GLASSBOX_PACED_TOKENS", 200, 1, 1_000_000),
                (int) read.number("GLASSBOX_PACED_TOKENS_PER_SECOND", 50, 1, 1_000),
                (int) read.number("GLASSBOX_PACED_TOKEN_PADDING", 0, 0, 3_900),
                read.webSocketUrl("GLASSBOX_PAGE_WEBSOCKET_URL"),
                eventLoops,
                http,
                read.number("GLASSBOX_MAX_KNOWLEDGE_FILE_BYTES", 1024 * 1024, 1_024, 64 * 1024 * 1024),
                read.optionalUri("GLASSBOX_PAGE_REPOSITORY_URL"),
                read.optionalUri("GLASSBOX_PAGE_SOURCES_URL"));
    }

    /**
     * GLASSBOX_OPENAI_API_KEY, or null: it is sent in an HTTP header, where a control character or a
     * space would fail every answer. The message does not quote the key, which is a secret.
     */
    private static String apiKey(Settings read) {
        String key = read.optional("GLASSBOX_OPENAI_API_KEY");
        int bad = key == null ? -1 : firstNotPrintableAscii(key);
        if (bad >= 0) {
            throw new SettingException("GLASSBOX_OPENAI_API_KEY must be the key as the provider shows it, printable "
                    + "ASCII without spaces; character " + (bad + 1) + " of this one is a control character, a "
                    + "space or not ASCII.");
        }
        return key;
    }

    /** The index of the first character outside '!' to '~', or -1 when there is none. */
    private static int firstNotPrintableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) <= ' ' || text.charAt(i) > '~') {
                return i;
            }
        }
        return -1;
    }

    private static HttpSettings http(Settings read, long pingIntervalMs) {
        String host = read.host("GLASSBOX_HOST", "127.0.0.1");
        List<String> allowedHosts = new ArrayList<>(List.of(host));
        String listed = read.optional("GLASSBOX_ALLOWED_HOSTS");
        if (listed != null) {
            for (String name : listed.split(",")) {
                if (!name.strip().isEmpty()) {
                    allowedHosts.add(Settings.hostName("GLASSBOX_ALLOWED_HOSTS", name.strip()));
                }
            }
        }
        long idleTimeoutMs = read.number("GLASSBOX_HTTP_IDLE_TIMEOUT_MS", 60_000, 1_000, 86_400_000);
        if (idleTimeoutMs <= pingIntervalMs) {
            throw new SettingException("GLASSBOX_HTTP_IDLE_TIMEOUT_MS (" + idleTimeoutMs + ") must be longer than "
                    + "GLASSBOX_PING_INTERVAL_MS (" + pingIntervalMs + "), or every quiet WebSocket is cut.");
        }
        String metrics = Optional.ofNullable(read.optional("GLASSBOX_METRICS")).orElse("on");
        if (!metrics.matches("on|off|[1-9]\\d{0,4}") || metrics.length() == 5 && metrics.compareTo("65535") > 0) {
            throw new SettingException("GLASSBOX_METRICS must be on (/metrics on the main port), off, or a port "
                    + "number for a metrics server of its own on 127.0.0.1, not '" + metrics + "'.");
        }
        boolean metricsEnabled = !metrics.equals("off");
        int metricsPort = metrics.matches("\\d+") ? Integer.parseInt(metrics) : 0;
        return new HttpSettings(host, List.copyOf(allowedHosts),
                (int) read.number("GLASSBOX_MAX_CONNECTIONS", 12_000, 1, 1_000_000),
                (int) read.number("GLASSBOX_MAX_CONNECTIONS_PER_IP", 64, 1, 1_000_000),
                read.number("GLASSBOX_HEADER_TIMEOUT_MS", 10_000, 100, 600_000),
                idleTimeoutMs, metricsEnabled, metricsPort);
    }

    private static BedrockSettings bedrock(String backend, Settings read, long readTimeoutMs, boolean traceVerbose)
            {
        try {
            new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new SettingException("No AWS region is configured for Bedrock; set AWS_REGION, e.g. us-east-1.");
        }
        URI agentRuntime = read.optionalUri("GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT");
        URI runtime = read.optionalUri("GLASSBOX_BEDROCK_RUNTIME_ENDPOINT");
        if (backend.equals(BedrockAgentBackend.NAME)) {
            return new BedrockSettings(
                    read.id("GLASSBOX_AGENT_ID", "the id of the Bedrock agent, e.g. ABCDE12345"),
                    read.id("GLASSBOX_AGENT_ALIAS_ID", "the id of the agent's alias, e.g. TSTALIASID"),
                    null, read.optional("GLASSBOX_MODEL_ID"), agentRuntime, runtime, readTimeoutMs, traceVerbose,
                    null);
        }
        return new BedrockSettings(null, null,
                read.id("GLASSBOX_KB_ID", "the id of the Bedrock knowledge base, e.g. ABCDE12345"),
                Optional.ofNullable(read.optional("GLASSBOX_MODEL_ID")).orElse(DEFAULT_MODEL),
                agentRuntime, runtime, readTimeoutMs, traceVerbose, guardrail(read));
    }

    /** The guardrail bedrock-rag applies: both GLASSBOX_GUARDRAIL_ID and _VERSION, or neither for none. */
    private static BedrockSettings.Guardrail guardrail(Settings read) {
        String id = read.optional("GLASSBOX_GUARDRAIL_ID");
        String version = read.optional("GLASSBOX_GUARDRAIL_VERSION");
        if (id == null && version == null) {
            return null;
        }
        if (id == null || !id.matches("[0-9a-zA-Z]{1,20}|arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\\d{12}:guardrail/[0-9a-zA-Z]+")) {
            throw new SettingException("GLASSBOX_GUARDRAIL_ID must be the guardrail's id or ARN, e.g. ab12cd34ef56, not '"
                    + id + "'; set it with GLASSBOX_GUARDRAIL_VERSION, or neither.");
        }
        if (version == null || !version.matches("DRAFT|[1-9][0-9]{0,7}")) {
            throw new SettingException("GLASSBOX_GUARDRAIL_VERSION must be a version number such as 1, or DRAFT, not '"
                    + version + "'.");
        }
        return new BedrockSettings.Guardrail(id, version);
    }

    /** The cache folder: GLASSBOX_CACHE_DIR, else ~/.cache/glassbox. */
    public static Path cacheDir(Map<String, String> env) {
        return Path.of(new Settings(env).text("GLASSBOX_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "glassbox").toString()));
    }

    /** Whether the backend answers from the local knowledge folder, which must then be indexed. */
    public boolean usesLocalKnowledge() {
        return usesLocalKnowledge(backend);
    }

    private static boolean usesLocalKnowledge(String backend) {
        return backend.equals("local") || backend.equals(OpenAiBackend.NAME);
    }
}

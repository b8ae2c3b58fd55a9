package dev.glassbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.glassbox.core.settings.SettingException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path knowledge;

    @Test
    void defaultsServeTheLocalAgentOnPort8080() throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString()));
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.backend()).isEqualTo("local");
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.localPaceMs()).isEqualTo(12);
        assertThat(config.pipeline().coalesceWindowMs()).isEqualTo(30);
        assertThat(config.http().host()).as("loopback unless asked otherwise").isEqualTo("127.0.0.1");
        assertThat(config.http().allowedHosts()).containsExactly("127.0.0.1");
        assertThat(config.http().metricsEnabled()).isTrue();
        assertThat(config.http().metricsPort()).isZero();
        assertThat(config.sockets().maxSocketsPerIp()).isEqualTo(32);
        // the kernel's buffers per connection are bounded, not autotuned up to megabytes
        assertThat(config.http().serverOptions(8080).getSendBufferSize()).isEqualTo(64 * 1024);
        assertThat(config.http().serverOptions(8080).getReceiveBufferSize()).isEqualTo(64 * 1024);
    }

    @Test
    void theListenAddressAndExtraHostNamesAreSettings() throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                "GLASSBOX_HOST", "0.0.0.0", "GLASSBOX_ALLOWED_HOSTS", "glassbox.example, box.lan",
                "GLASSBOX_METRICS", "9290"));
        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(config.http().allowedHosts()).containsExactly("0.0.0.0", "glassbox.example", "box.lan");
        assertThat(config.http().metricsPort()).isEqualTo(9290);
        assertThat(ServerConfig.fromEnvironment(Map.of("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                "GLASSBOX_METRICS", "off")).http().metricsEnabled()).isFalse();
    }

    @Test
    void aPageWebSocketUrlCannotWriteIntoTheContentSecurityPolicy() {
        for (String url : List.of("ws://a;script-src *", "ws://a';default-src", "ws://evil.example/x'y",
                "ws://a b", "ws://user@evil.example", "ws://a,b")) {
            assertThat(problem(Map.of("GLASSBOX_PAGE_WEBSOCKET_URL", url))).as(url)
                    .contains("GLASSBOX_PAGE_WEBSOCKET_URL must be a ws:// or wss:// URL");
        }
    }

    @Test
    void originsNoBrowserSendsAreRefusedAtStart() {
        assertThat(problem(Map.of("GLASSBOX_ALLOWED_ORIGINS", "https://glassbox.example/")))
                .contains("which no browser sends").contains("no path");
        assertThat(problem(Map.of("GLASSBOX_ALLOWED_ORIGINS", "https://glassbox.example:443")))
                .contains("default port 443");
    }

    @Test
    void everyBadSettingIsNamedWithWhatWouldWork() {
        assertThat(problem(Map.of("GLASSBOX_PORT", "eighty"))).contains("GLASSBOX_PORT").contains("0 to 65535");
        assertThat(problem(Map.of("GLASSBOX_PORT", "70000"))).contains("GLASSBOX_PORT");
        assertThat(problem(Map.of("GLASSBOX_BACKEND", "gpt"))).contains("GLASSBOX_BACKEND=gpt is not a backend");
        assertThat(problem(Map.of("GLASSBOX_BACKEND", "bedrock-agent"))).contains("GLASSBOX_AGENT_ID is not set");
        assertThat(problem(Map.of("GLASSBOX_BACKEND", "bedrock-rag", "GLASSBOX_KB_ID", "kb/1")))
                .contains("GLASSBOX_KB_ID must be");
        assertThat(problem(Map.of("GLASSBOX_BACKEND", "bedrock-rag", "GLASSBOX_KB_ID", "KB1",
                "GLASSBOX_GUARDRAIL_ID", "gr/1", "GLASSBOX_GUARDRAIL_VERSION", "1"))).contains("GLASSBOX_GUARDRAIL_ID must be");
        assertThat(problem(Map.of("GLASSBOX_BACKEND", "bedrock-rag", "GLASSBOX_KB_ID", "KB1",
                "GLASSBOX_GUARDRAIL_ID", "gr1"))).contains("GLASSBOX_GUARDRAIL_VERSION must be");
        assertThat(problem(Map.of("GLASSBOX_BACKEND", "openai"))).contains("GLASSBOX_OPENAI_MODEL is not set");
        for (String key : List.of("sk-ab\u0007cd", "sk-ab cd", "sk-abäcd")) {
            assertThat(problem(Map.of("GLASSBOX_BACKEND", "openai", "GLASSBOX_OPENAI_MODEL", "llama3.2",
                    "GLASSBOX_OPENAI_API_KEY", key))).as(key).contains("GLASSBOX_OPENAI_API_KEY must be")
                    .contains("character 6").doesNotContain("sk-");
        }
        assertThat(ServerConfig.fromEnvironment(Map.of("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                "GLASSBOX_BACKEND", "openai", "GLASSBOX_OPENAI_MODEL", "llama3.2", "GLASSBOX_OPENAI_API_KEY",
                " sk-A1_b2.c3~ ")).openAi().apiKey()).isEqualTo("sk-A1_b2.c3~");
        assertThat(problem(Map.of("GLASSBOX_TRACE_VERBOSE", "yes"))).contains("true or false");
        assertThat(problem(Map.of("GLASSBOX_ALLOWED_ORIGINS", "example.org"))).contains("GLASSBOX_ALLOWED_ORIGINS");
        assertThat(problem(Map.of("GLASSBOX_LOCAL_PACE_MS", "-1"))).contains("GLASSBOX_LOCAL_PACE_MS");
        assertThat(problem(Map.of("GLASSBOX_PAGE_WEBSOCKET_URL", "http://localhost:8081/local")))
                .contains("must be a ws:// or wss:// URL");
        assertThat(problem(Map.of("GLASSBOX_HOST", "local host"))).contains("GLASSBOX_HOST must be a host name");
        assertThat(problem(Map.of("GLASSBOX_ALLOWED_HOSTS", "evil/x"))).contains("GLASSBOX_ALLOWED_HOSTS");
        assertThat(problem(Map.of("GLASSBOX_METRICS", "public"))).contains("GLASSBOX_METRICS must be on");
        assertThat(problem(Map.of("GLASSBOX_METRICS", "70000"))).contains("GLASSBOX_METRICS must be on");
        assertThat(problem(Map.of("GLASSBOX_PING_INTERVAL_MS", "90000"))).contains("GLASSBOX_HTTP_IDLE_TIMEOUT_MS");
        assertThat(problem(Map.of("GLASSBOX_KNOWLEDGE_DIR", knowledge.resolve("missing").toString())))
                .contains("does not exist").contains("GLASSBOX_KNOWLEDGE_DIR");
    }

    @Test
    void allowedOriginsAreAListSeparatedByCommas() throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString(),
                "GLASSBOX_ALLOWED_ORIGINS", "https://glassbox.example, http://localhost:3000"));
        assertThat(config.allowedOrigins()).isEqualTo(List.of("https://glassbox.example", "http://localhost:3000"));
    }

    private String problem(Map<String, String> settings) {
        Map<String, String> env = new HashMap<>(Map.of("GLASSBOX_KNOWLEDGE_DIR", knowledge.toString()));
        env.putAll(settings);
        return assertThatThrownBy(() -> ServerConfig.fromEnvironment(env))
                .isInstanceOf(SettingException.class).actual().getMessage();
    }
}

package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OriginPolicyTest {
    private final OriginPolicy byDefault = new OriginPolicy(List.of());

    @Test
    void byDefaultTheServersOwnOriginAndLocalhostMayConnect() {
        assertThat(byDefault.allows("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(byDefault.allows("http://127.0.0.1:5173", "localhost:8080")).isTrue();
        assertThat(byDefault.allows("https://glassbox.example", "glassbox.example")).isTrue();
        assertThat(byDefault.allows(null, "localhost:8080")).isTrue();
    }

    @Test
    void byDefaultOtherSitesMayNot() {
        assertThat(byDefault.allows("https://evil.example", "glassbox.example")).isFalse();
        assertThat(byDefault.allows("https://glassbox.example.evil.example", "glassbox.example")).isFalse();
        assertThat(byDefault.allows("null", "localhost:8080")).isFalse();
        assertThat(byDefault.allows("file://", "localhost:8080")).isFalse();
    }

    @Test
    void aConfiguredListReplacesTheDefault() {
        OriginPolicy listed = new OriginPolicy(List.of("https://glassbox.example"));
        assertThat(listed.allows("https://GLASSBOX.example", "api.example")).isTrue();
        assertThat(listed.allows("http://localhost:8080", "localhost:8080")).isFalse();
        assertThat(new OriginPolicy(List.of("*")).allows("https://anyone.example", "x")).isTrue();
    }
}

package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
    void aConfiguredListReplacesOtherLocalhostOriginsButNeverLocksOutTheServersOwnPage() {
        OriginPolicy listed = new OriginPolicy(List.of("https://glassbox.example"));
        assertThat(listed.allows("https://GLASSBOX.example", "api.example")).isTrue();
        assertThat(listed.allows("http://localhost:5173", "localhost:8080")).isFalse();
        assertThat(listed.allows("http://localhost:8080", "localhost:8080")).as("its own page").isTrue();
        assertThat(new OriginPolicy(List.of("*")).allows("https://anyone.example", "x")).isTrue();
    }

    /** An Origin is scheme://host[:port] and nothing more: with a path, a user, a query or a fragment it is no page's. */
    @ParameterizedTest
    @CsvSource({"http://localhost:8080/evil", "http://localhost:8080/", "http://user@localhost:8080",
        "http://localhost:8080?x", "http://localhost:8080#x", "http://localhost:8080/../", "https://glassbox.example/app"})
    void anOriginWithMoreThanSchemeHostAndPortIsRefusedWhateverIsAllowed(String origin) {
        assertThat(byDefault.allows(origin, "localhost:8080")).isFalse();
        assertThat(new OriginPolicy(List.of("https://glassbox.example")).allows(origin, "glassbox.example")).isFalse();
        assertThat(new OriginPolicy(List.of("*")).allows(origin, "localhost:8080")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://glassbox.example/ | no path",
        "https://glassbox.example/app | no path",
        "https://Glassbox.example | lower case",
        "https://glassbox.example:443 | default port 443",
        "http://glassbox.example:80 | default port 80",
        "https://*.glassbox.example | wildcard",
        "https://user@glassbox.example | without user",
        "glassbox.example | http:// or https://",
        "ws://glassbox.example | http:// or https://",
        "https://glassbox.example?x | no path",
    })
    void originsThatCanNeverMatchAreNamed(String origin, String reason) {
        assertThat(OriginPolicy.problem(origin)).contains(reason);
    }

    @Test
    void realOriginsAreAccepted() {
        assertThat(OriginPolicy.problem("https://glassbox.example")).isNull();
        assertThat(OriginPolicy.problem("http://localhost:3000")).isNull();
        assertThat(OriginPolicy.problem("http://[::1]:3000")).isNull();
        assertThat(OriginPolicy.problem("*")).isNull();
    }
}

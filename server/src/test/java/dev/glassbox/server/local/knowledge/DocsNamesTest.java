package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which words the docs write only as names of their own. */
class DocsNamesTest {
    @Test
    void aWordAlwaysCapitalisedOnItsOwnIsANameButNotAPartOfALongerOneOrAnOrdinaryWord() {
        DocsNames names = new DocsNames(List.of("The server exposes Prometheus metrics. Amazon Nova Pro costs more.",
                "Docker builds the image; the server is a pro at waiting.\n# Prometheus\nNothing else."));
        assertThat(names.namesOnItsOwn("prometheus")).isTrue();
        assertThat(names.namesOnItsOwn("Docker")).as("capitalised only at a sentence's start").isFalse();
        assertThat(names.namesOnItsOwn("pro")).as("lower case elsewhere").isFalse();
        assertThat(names.namesOnItsOwn("nova")).as("only after another name").isFalse();
        assertThat(names.namesOnItsOwn("server")).isFalse();
    }
}

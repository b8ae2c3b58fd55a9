package dev.glassbox.server.local.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.local.knowledge.KnowledgeChunk;
import dev.glassbox.server.local.knowledge.Passage;
import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionCheckTest {
    /** A page that rates answers and exports conversations, in the docs' words. */
    private static final String PAGE = """
            # Page

            ## Rating an answer

            A visitor can rate each finished answer with its Helpful and Not helpful buttons.

            ## Keeping a conversation

            The conversation can be exported as Markdown and as JSON.
            """;
    @AutoClose
    private static RepositoryKnowledge docs;

    @BeforeAll
    static void index(@TempDir Path folder) throws Exception {
        Path page = Files.writeString(Files.createDirectory(folder.resolve("knowledge")).resolve("page.md"), PAGE);
        docs = RepositoryKnowledge.start(page.getParent(), folder.resolve("cache"));
    }

    @Test
    void aHyphenatedVerbIsSaidByItsLastPartThatIsNoParticle() {
        // "quick-rate": rating, which the docs say; the part before it only says how. (A particle-first one such as
        // "down-vote" is an everyday phrasal verb to ActionReader and never reaches this check.)
        assertThat(describes("how do I quick-rate an answer?", "Rating an answer")).isTrue();
        // "auto-save": saving, which the docs say as exporting; the part before it only says how.
        assertThat(describes("how do I auto-save my conversation?", "Keeping a conversation")).isTrue();
        // The last part must still be said: the docs speak of no translating.
        assertThat(describes("how do I auto-translate my conversation?", "Keeping a conversation")).isFalse();
    }

    /** Whether the section whose title ends so describes what the question asks how to do. */
    private static boolean describes(String question, String title) {
        Understanding understanding = Understanding.of(docs.index(), question, question, false);
        assertThat(understanding.action()).as(question).isNotNull();
        KnowledgeChunk chunk = docs.knowledge().retrieve(docs.index(), title).passages().stream()
                .map(Passage::chunk).filter(c -> c.title().endsWith(title)).findFirst().orElseThrow();
        return understanding.describesAction(docs.index(), chunk);
    }
}

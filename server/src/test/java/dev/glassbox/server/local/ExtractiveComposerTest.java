package dev.glassbox.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The composer's rules, on answers the local agent writes from the repository's own knowledge base. */
class ExtractiveComposerTest {
    private static Vertx vertx;
    private static KnowledgeBase knowledge;
    private static KnowledgeIndex index;

    @BeforeAll
    static void index() throws Exception {
        vertx = Vertx.vertx();
        knowledge = new KnowledgeBase(vertx, LocalServer.KNOWLEDGE,
                Path.of("target", "embedding-cache").toAbsolutePath(), 60_000, 1024 * 1024);
        index = LocalServer.await(knowledge.start(), Duration.ofSeconds(120));
    }

    @AfterAll
    static void close() throws Exception {
        knowledge.close();
        LocalServer.await(vertx.close(), Duration.ofSeconds(10));
    }

    private static String answer(String question) {
        return AnswerPlan.of(knowledge, index, question, question, false, "").pieces().stream()
                .map(AnswerPlan.Piece::text).collect(Collectors.joining());
    }

    @Test
    void aWhyQuestionGetsTheReason() {
        String answer = answer("Why doesn't the local agent generate its answers with a model?");
        assertThat(answer).containsPattern("(?i)cannot invent");
    }

    @Test
    void howACostIsWorkedOutIsAnsweredWithTheMethodBeforeAnyPrice() {
        String answer = answer("How is the cost of each answer worked out?");
        assertThat(answer).containsPattern("(?i)token usage");
        int method = answer.indexOf("price table");
        assertThat(method).isNotNegative();
        assertThat(answer.substring(0, method)).doesNotContain("$");
    }

    @Test
    void aConsequenceIsQuotedWithItsCause() {
        String answer = answer("Can a web page use DNS rebinding to reach the server on my machine?");
        assertThat(answer).contains("421");
        if (answer.contains("therefore cannot use the server")) {
            assertThat(answer.indexOf("421")).isLessThan(answer.indexOf("therefore cannot use the server"));
        }
    }

    @Test
    void noAnswerOpensWithASentenceThatLeansOnAnother() {
        for (String question : new String[] {
            "What made planning an answer cost less CPU?",
            "How does the server treat a burst of questions?",
            "What do the protocol tests cover?",
            "Why are the passages at most 160 words long?",
        }) {
            String answer = answer(question);
            assertThat(answer).as(question)
                    .doesNotContainPattern("^(?:…|(?:It|Its|This|These|Those|Since then|And|So|Then|Also)\\b)");
        }
    }
}

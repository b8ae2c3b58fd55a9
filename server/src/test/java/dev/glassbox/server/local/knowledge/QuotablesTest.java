package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How passages of the knowledge base (quoted here as they read) are cut into the pieces an answer may quote. */
class QuotablesTest {
    private static List<String> texts(String passage) {
        return Quotables.of(passage).stream().map(Quotables.Quotable::whole).toList();
    }

    private static Quotables.Quotable piece(String passage, String start) {
        return Quotables.of(passage).stream().filter(q -> q.whole().startsWith(start)).findFirst().orElseThrow();
    }

    @Test
    void aLongSentenceIsNotCutInsideItsBrackets() {
        String passage = "The server listens on port 8080 by default. Every setting is an environment variable, and the "
                + "defaults work on a laptop: GLASSBOX_KNOWLEDGE_DIR names the folder of Markdown files to answer from "
                + "(./knowledge by default), GLASSBOX_BACKEND chooses the agent (local by default), and "
                + "GLASSBOX_LOCAL_PACE_MS sets the pause between streamed words (12 milliseconds; 0 sends them at once). "
                + "A bad value stops the server with one line naming the variable and exit code 2.";
        assertThat(texts(passage)).noneMatch(t -> t.startsWith("0 sends") || t.endsWith("(12 milliseconds."))
                .anySatisfy(t -> assertThat(t).contains("(12 milliseconds; 0 sends them at once)"));
        assertThat(texts(passage)).allMatch(Quotables::balanced);
    }

    @Test
    void aClauseWithoutAVerbIsQuotedOnlyAfterTheClauseBeforeIt() {
        String passage = "The cdktf module synthesizes one Terraform configuration. It holds: a versioned, encrypted, "
                + "private S3 bucket for the knowledge files; a Bedrock knowledge base that embeds them with Amazon "
                + "Titan Text Embeddings V2 into an Amazon S3 Vectors index whose AMAZON_BEDROCK_TEXT keys are "
                + "non-filterable; the knowledge base's S3 data source; a DynamoDB table on demand with a time-to-live "
                + "on every item and point-in-time recovery; the two Lambda functions of the cloud path.";
        Quotables.Quotable source = piece(passage, "The knowledge base's S3 data source");
        assertThat(source.joint()).isEqualTo("; ");
        assertThat(source.dangling()).isTrue();
        assertThat(piece(passage, "A Bedrock knowledge base").joint()).isNull();
    }

    @Test
    void theLastClauseOfAListLosesItsJoiningAnd() {
        String passage = "Several guards keep a public agent from running up a bill. Built today: each connection may run "
                + "at most 2 answers at a time and may send 5 questions at once and then one every 3 seconds; each "
                + "client IP address may send 20 at once and then 60 a minute over all its connections; questions "
                + "longer than 4,000 characters are refused; and every answer shows its cost.";
        assertThat(texts(passage)).contains("Every answer shows its cost.",
                "Each client IP address may send 20 at once and then 60 a minute over all its connections.");
    }

    @Test
    void sentencesThatLeanOnTheOneBeforeAreDanglingEvenAtAPassagesStart() {
        String passage = "Since then, planning an answer costs less CPU: the index works out the words of each passage "
                + "once instead of for every answer. And in a burst, the rest of a started answer streams only once the "
                + "questions that were waiting to be planned have been taken up. Questions are still embedded one "
                + "ONNX Runtime call per question.";
        assertThat(piece(passage, "Since then").dangling()).isTrue();
        assertThat(piece(passage, "Since then").position()).isZero();
        assertThat(piece(passage, "And in a burst").dangling()).isTrue();
        assertThat(piece(passage, "Questions are still").dangling()).isFalse();
    }

    @Test
    void aSentenceOpeningWithAPrepositionBeforeWhatTheSentenceBeforeNamedIsDangling() {
        String passage = "Each connection may send 5 questions at once and then one every 3 seconds. Beyond these, a "
                + "question gets rate_limited. Past that limit the oldest conversation goes first. Within 30 seconds "
                + "an answer can be resumed.";
        assertThat(Stream.of("Beyond these", "Past that limit", "Within 30 seconds")
                .map(start -> piece(passage, start).dangling())).containsExactly(true, true, false);
    }

    @Test
    void aConsequenceLeansOnItsCause() {
        String passage = "- DNS rebinding. Every request's Host header is checked: localhost, IP addresses, the listen "
                + "address and the names in GLASSBOX_ALLOWED_HOSTS are answered; any other name gets 421. A web page "
                + "whose attacker-controlled name is re-pointed at 127.0.0.1 therefore cannot use the server from a "
                + "visitor's browser.";
        assertThat(piece(passage, "A web page").dangling()).isTrue();
        assertThat(piece(passage, "Every request's").dangling()).isFalse();
    }

    @Test
    void aListItemOpensOnItsOwnWhileTheSentencesOfAParagraphReadOn() {
        String passage = "The stack is small. It holds a bucket.\n"
                + "- Log groups are kept 14 days.\n"
                + "- The jar is copied with its hash.";
        assertThat(piece(passage, "The stack is small").opens()).isFalse();
        assertThat(piece(passage, "It holds a bucket").opens()).isFalse();
        assertThat(piece(passage, "Log groups are kept").opens()).isTrue();
        assertThat(piece(passage, "The jar is copied").opens()).isTrue();
    }

    @Test
    void aSentenceThatStartsWithAPathIsASentenceOfItsOwn() {
        String passage = "No request can create new metric series. /metrics is public on the main port by default.";
        assertThat(texts(passage)).containsExactly("No request can create new metric series.",
                "/metrics is public on the main port by default.");
    }

    @Test
    void theVerbHeuristicTellsSentencesFromNounPhrases() {
        assertThat(Quotables.hasVerb("The server listens on port 8080 by default.")).isTrue();
        assertThat(Quotables.hasVerb("This keeps each backend small.")).isTrue();
        assertThat(Quotables.hasVerb("Costs come from a price table.")).isTrue();
        assertThat(Quotables.hasVerb("The knowledge base's S3 data source.")).isFalse();
        assertThat(Quotables.hasVerb("Too many WebSockets from one address.")).isFalse();
    }

    @Test
    void aTableRowIsAPieceThatNamesItsColumnsEvenWhenTheChunkerJoinedTheRowsIntoOneLine() {
        String passage = "A dash means the attack does not apply.\n| attack | local server | local API Gateway | |---|---|"
                + "---| | repeated resumes | rate_limited | – | | text frame that is not UTF-8 | closed with 1007;\n"
                + "the socket goes | closed with 1007 |";
        List<Quotables.Quotable> pieces = Quotables.of(passage);
        assertThat(pieces).extracting(Quotables.Quotable::whole).containsExactly(
                "A dash means the attack does not apply.",
                "repeated resumes: rate_limited (local server); – (local API Gateway).",
                "text frame that is not UTF-8: closed with 1007; the socket goes (local server); closed with 1007 "
                        + "(local API Gateway).");
        Quotables.Row row = pieces.get(1).row();
        assertThat(row.sentence(0)).isEqualTo("Repeated resumes: rate_limited (local server).");
        assertThat(pieces.get(0).row()).isNull();
    }

    @Test
    void aRowIsFoundQuotedByAnyOfItsCellsAndALongSentenceFromWhereItsExcerptStarts() {
        List<Quotables.Quotable> pieces = Quotables.of("| attack | local server | local API Gateway |\n|---|---|---|\n"
                + "| repeated resumes | rate_limited | refused |");
        String answer = "Some other quote. [1] Repeated resumes: refused (local API Gateway). [2]";
        assertThat(pieces).singleElement().satisfies(row -> assertThat(row.quotedAt(answer))
                .isEqualTo(answer.indexOf("Repeated")));
        String sentence = "word ".repeat(60) + "and then, after a comma, the part that answers what was asked.";
        Quotables.Quotable cut = Quotables.of(sentence).get(0);
        assertThat(cut.quotedAt("… the part that answers what was asked. [1]")).isZero();
        assertThat(cut.quotedAt("… the part that answers something else. [1]")).isNegative();
    }

    @Test
    void aPieceWhoseOnlyVerbIsInARelativeClauseHasNoVerbOfItsOwn() {
        assertThat(Quotables.hasOwnVerb("The daily budget (GLASSBOX_DAILY_BUDGET_USD, 1 USD by default), after which "
                + "questions get budget_exhausted with the time until midnight UTC.")).isFalse();
        assertThat(Quotables.hasOwnVerb("The cloud path adds a daily budget, after which questions get "
                + "budget_exhausted.")).isTrue();
        assertThat(Quotables.hasOwnVerb("The worker, which looks every 500 milliseconds, posts every event.")).isTrue();
    }

    @Test
    void aRowNumberedInItsFirstColumnIsNamedWithThatColumn() {
        List<Quotables.Row> rows = Quotables.rows("| round | target | relay p50 | |---|---|---| | 3 | Glassbox | 3.51 ms |");
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.sentence(0))
                .isEqualTo("Round 3, Glassbox: 3.51 ms (relay p50)."));
    }

    @Test
    void rowsCutFromTheirHeaderAreNoPiecesUnlessTheyAreAllThePassageHas() {
        assertThat(Quotables.rows("| repeated resumes | rate_limited | – | | h2c upgrade | no upgrade | off |")).isEmpty();
        assertThat(texts("Some prose that says something.\n| repeated resumes | rate_limited | – |"))
                .containsExactly("Some prose that says something.");
        assertThat(texts("| repeated resumes | rate_limited | – |")).containsExactly("repeated resumes, rate_limited, –");
    }

    @Test
    void aSentenceOpeningWithANameInLowerCaseIsASentenceOfItsOwn() {
        assertThat(texts("The local agent embeds passages with all-MiniLM-L6-v2, a model with 384 dimensions. "
                + "all-MiniLM-L6-v2 was chosen because it runs in-process. The file deploy.yml is. a lower-case start."))
                .containsExactly("The local agent embeds passages with all-MiniLM-L6-v2, a model with 384 dimensions.",
                        "all-MiniLM-L6-v2 was chosen because it runs in-process.",
                        "The file deploy.yml is. a lower-case start.");
    }
}

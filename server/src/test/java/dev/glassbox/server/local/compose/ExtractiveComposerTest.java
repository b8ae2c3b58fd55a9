package dev.glassbox.server.local.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.rag.StandaloneQuery;
import dev.glassbox.server.local.AnswerPlan;
import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The composer's rules, on answers the local agent writes from the repository's own knowledge base. */
class ExtractiveComposerTest {
    @AutoClose
    private static final RepositoryKnowledge REPOSITORY = RepositoryKnowledge.start();

    private static String answer(String question) {
        AnswerPlan plan = AnswerPlan.of(REPOSITORY.knowledge(), REPOSITORY.index(), question,
                new StandaloneQuery(question, false), "", step -> { });
        return plan.pieces().stream().map(AnswerPlan.Piece::text).collect(Collectors.joining());
    }

    /** The answer to a follow-up, after the answer the first question got. */
    private static String followUp(String first, String question) {
        String previous = answer(first);
        StandaloneQuery standalone = StandaloneQuery.of(question, List.of(new ConversationTurn(first, previous)));
        AnswerPlan plan = AnswerPlan.of(REPOSITORY.knowledge(), REPOSITORY.index(), question, standalone, previous,
                step -> { });
        return plan.pieces().stream().map(AnswerPlan.Piece::text).collect(Collectors.joining());
    }

    @Test
    void aWhyQuestionGetsTheReason() {
        String answer = answer("Why doesn't the local agent generate its answers with a model?");
        assertThat(answer).containsPattern("(?i)cannot invent");
    }

    @Test
    void theSentenceStatingWhatIsAskedOpensNotItsNeighbour() {
        // A figure over another time (per month) is no answer to a daily cap; a setting named in USD gives a price.
        assertThat(answer("is there a cap on what it can spend per day in the cloud?"))
                .doesNotStartWith("While idle").containsPattern("^[^\\[]*1 by default");
        // A what-happens question asks the outcome, not the prices its event names.
        assertThat(answer("what happens if i choose a model that isnt in the price list?"))
                .doesNotStartWith("The price table").containsPattern("^[^\\[]*(?:refused|null)");
        // A price asked for a quantity with a model's name in lower case: the figure for that quantity.
        assertThat(answer("what would 1000 answers cost with claude sonnet")).contains("$11.55 with Claude Sonnet 4");
    }

    @Test
    void anOpeningThatOnlyRestatesTheQuestionIsFollowedByWhatItAsks() {
        assertThat(answer("Why does the server turn off permessage-deflate?"))
                .contains("costs more CPU than the bytes it saves");
        assertThat(answer("What status code does /readyz give before the knowledge base is indexed?")).contains("503");
    }

    @Test
    void aPriceForTheQuantityAndModelAskedBeatsAPerUnitPrice() {
        assertThat(answer("What do 1,000 answers cost with Claude Sonnet 4?")).contains("$11.55");
        assertThat(answer("What does a thousand answers cost in total with Nova Micro?")).contains("$1.16");
        // A name the question sets the price against qualifies nothing: the thing used instead is still quoted.
        assertThat(answer("What does Glassbox use instead of OpenSearch Serverless, and what does that cost a month?"))
                .contains("S3 Vectors");
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

    @Test
    void aPassagesFirstSentenceThatRefersBackComesWithItsAntecedentFromTheSectionsEarlierPassage() {
        String answer = answer("Which metrics do the cloud functions publish to CloudWatch?");
        assertThat(answer).contains("FirstTokenMs").doesNotStartWith("Both");
        assertThat(answer.indexOf("two Lambda handlers")).isNotNegative().isLessThan(answer.indexOf("Both functions"));
    }

    @Test
    void aFollowUpGetsTheNumberThePreviousAnswerCutOffRatherThanTheSameQuoteAgain() {
        String first = answer("What does the stream worker do?");
        assertThat(first).doesNotContain("295");
        assertThat(followUp("What does the stream worker do?", "What is its time limit for one answer?"))
                .contains("295 seconds");
    }

    @Test
    void whereSomethingIsSetIsAnsweredByTheSettingNotBySentencesNamingAFile() {
        // "performance.md gives its memory under load" names a file, which is no place a heap is set.
        assertThat(followUp("How much memory does the server need?", "where is that set?")).startsWith("The server needs")
                .contains("-Xmx512m");
        assertThat(answer("Where do I set the folder the agent answers from?")).contains("GLASSBOX_KNOWLEDGE_DIR");
    }

    @Test
    void aFollowUpAskingForASettingsValueGetsTheValue() {
        assertThat(followUp("What is GLASSBOX_LOCAL_PACE_MS?", "What is it set to unless I change it?"))
                .contains("12 milliseconds");
    }

    @Test
    void aHowManyQuestionOpensWithTheSentenceThatCountsWhatItAsksAbout() {
        assertThat(answer("How many pings per second can a client send before its socket is closed?"))
                .startsWith("More than 10 pings");
    }

    @Test
    @SuppressWarnings("unchecked")
    void whenAFurtherPassageOpensTheBestPassageIsStillQuotedAndTheSelectionStepSaysWhy() {
        List<TraceStep> steps = new ArrayList<>();
        String question = "How many CloudWatch alarms are in the stack?";
        AnswerPlan.of(REPOSITORY.knowledge(), REPOSITORY.index(), question, new StandaloneQuery(question, false), "",
                steps::add);
        Map<String, Object> selection = steps.stream().filter(s -> s.kind() == TraceStep.Kind.SELECTION).findFirst()
                .orElseThrow().details();
        List<Map<String, Object>> passages = (List<Map<String, Object>>) selection.get("passages");
        List<Map<String, Object>> chosen = (List<Map<String, Object>>) selection.get("chosen");
        Object best = passages.get(0).get("reference");
        assertThat(chosen.get(0).get("reference")).isNotEqualTo(best);
        assertThat((String) chosen.get(0).get("why")).startsWith("opens instead of the best passage [" + best + "]: ");
        assertThat(chosen).anySatisfy(sentence -> assertThat(sentence.get("reference")).isEqualTo(best));
    }

    @Test
    void aSentenceThatStatesTheAmountWithItsUnitOpensBeforeTheBestPassagesVaguerOne() {
        assertThat(answer("What is the monthly AWS budget set to by default?"))
                .startsWith("An AWS Budgets monthly budget (5 USD by default)");
    }

    @Test
    void theNextListItemIsNotQuotedForFollowingAChosenOne() {
        assertThat(answer("How long are the Lambda log groups kept?")).contains("14 days")
                .doesNotContain("source_code_hash").doesNotContain("GLASSBOX_WORKER_CONCURRENCY");
    }

    @Test
    void aHowManyFollowUpCutsTheLongSentenceToTheCountNotToTheOtherNumbers() {
        assertThat(followUp("How fast does the first word of a local answer arrive?",
                "How many questions was that measured over?")).contains("200 questions");
    }

    @Test
    void aQuestionAboutWhenGetsTheConditions() {
        assertThat(answer("When does the local agent decline to answer?")).contains("similar enough");
    }

    @Test
    void aSentenceThatNamesWhatTheSentenceBeforeListsComesAfterIt() {
        String answer = answer("What does the conformance suite check?");
        int these = answer.indexOf("checks these cases");
        if (these >= 0) {
            assertThat(answer.substring(0, these)).containsPattern("\\[\\d+\\]");
        }
    }

    @Test
    void whatHappensInAnEventIsItsPredicateWithoutWhereItHappens() {
        assertThat(QuestionFocus.predicate("a visitor sends too many questions in the cloud?"))
                .isEqualTo("sends too many questions");
        assertThat(QuestionFocus.predicate("the asynchronous Lambda invoke fails")).isEqualTo("fails");
        assertThat(QuestionFocus.subject("the daily budget runs out")).isEqualTo("the daily budget");
        assertThat(QuestionFocus.subject("a visitor sends too many questions in the cloud")).isEmpty();
    }

    @Test
    void aWhyQuestionOpensWithTheReasonThatPutsAPriceOnItBeforeASideReason() {
        assertThat(answer("Why does the cloud use S3 Vectors rather than OpenSearch Serverless?"))
                .startsWith("OpenSearch Serverless bills").contains("$350 a month");
    }

    @Test
    void aWhatHappensQuestionGetsTheOutcomeOfTheEventBeforeWhatElseThePassageSays() {
        String answer = answer("What happens if the asynchronous Lambda invoke fails?");
        assertThat(answer).contains("retryable internal error");
        assertThat(answer.indexOf("retryable internal error")).isLessThan(answer.indexOf("29 seconds") < 0
                ? Integer.MAX_VALUE : answer.indexOf("29 seconds"));
    }

    @Test
    void aTableRowOfAFurtherPassageThatTheQuestionNamesIsQuotedLikeASentence() {
        // The best passage only says how the attack is tested; the table of outcomes, a further passage, answers.
        String fifo = answer("What happens when a FIFO is swapped in for a knowledge file?");
        assertThat(fifo).contains("gives up after 5 s");
        // The row's cell for the runtime the question names, not the other runtime's.
        String body = answer("What happens to a request body of 800 MB sent to the server?");
        assertThat(body).contains("answered without reading it").doesNotContain("413");
    }

    @Test
    void aQuestionAboutWhatIsAllowedGetsTheBoundNotAFigureOnceCounted() {
        // "held 10 Markdown files" counts the files too, but only the bound says how many it may hold; "1 MB" counts
        // no files, though a setting's name after it holds the word.
        String answer = answer("How many files may the knowledge folder hold?");
        assertThat(answer).containsPattern("^[^\\[]*1,000 Markdown files").doesNotContain("held 10");
    }

    @Test
    void theSentenceThatStatesWhatIsAskedIsQuotedNotItsNeighbour() {
        // Each question, with what its answer must state (performance.md's figures change with each measurement).
        Map<String, String> asked = new LinkedHashMap<>();
        // What happens to something that does a thing asks the outcome of what it does.
        asked.put("What happens to a client that floods the server with pings?", "1013");
        // Both passages give a first token p50: the one with a key term the other lacks ("another") gets the room.
        asked.put("What was the first token p50 one after another in this revision?",
                "first token p50 of \\d+\\.\\d+ and \\d+\\.\\d+ ms");
        // A long sentence is not cut right after the term asked about, with its figures cut off.
        asked.put("What is the relay p99 of Glassbox compared with the bare writer?",
                "relay p99 \\d+\\.\\d+ and \\d+\\.\\d+ ms");
        // "What's" asks what "what is" asks: for a numbered name, the number that names it, first.
        asked.put("What's the default port?", "^[^\\[]*port 8080");
        asked.forEach((question, fact) -> assertThat(answer(question)).as(question).containsPattern(fact));
    }

    @Test
    void theOpeningStatesTheKindOfThingAskedThoughAnotherPassageHoldsIt() {
        // A place asked for: the sentence that says where opens, not the best passage's sentence that only shares
        // the question's words ("A failed embedding-cache save leaves no temporary file behind.").
        assertThat(answer("Where are the embeddings cached?")).containsPattern("^[^\\[]*in the cache folder");
        // What a thing is: the sentence that says "Glassbox is an …", not the list of files that explain it.
        assertThat(answer("What is Glassbox?")).containsPattern("^[^\\[]*Glassbox is an open-source AI agent");
        // A superlative of time asks a duration: not a size ("the 64 MB budget"), nor a sentence with "longest".
        assertThat(answer("What is the longest an answer can run on the local server?"))
                .containsPattern("^[^\\[]*120 seconds");
        // "What if …" asks what follows, as "what happens if …" does: the socket is closed.
        assertThat(answer("What if my browser stops reading the stream?")).containsPattern("1013");
    }

    @Test
    void aPassagesFirstSentenceThatNamesSomethingByThoseComesWithTheSentenceNamingIt() {
        // "… of it planning the answer … in those bursts" opens a passage; the bursts are named in the one before.
        String answer = answer("How much of the CPU per answer went to planning in the bursts of 300 questions?");
        assertThat(answer).containsPattern("\\d+\\.\\d+ to \\d+\\.\\d+ ms of it planning");
        assertThat(answer.indexOf("burst")).isLessThan(answer.indexOf("those bursts"));
    }
}

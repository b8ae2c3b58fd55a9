package dev.glassbox.server.local.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import dev.glassbox.server.local.gate.PassageChoice;
import dev.glassbox.server.local.knowledge.KnowledgeAnalyzer;
import dev.glassbox.server.local.knowledge.KnowledgeBase;
import dev.glassbox.server.local.knowledge.KnowledgeChunk;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Lexicon;
import dev.glassbox.server.local.knowledge.Passage;
import dev.glassbox.server.local.knowledge.Retrieval;
import dev.glassbox.server.local.knowledge.Spellings;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the local agent reads a question and when it declines, over a small knowledge folder: the words that
 * only make a question do not decide what is searched, the product's name does not rank passages by meaning,
 * and a passage sharing only a question's generic words does not answer it.
 */
class UnderstandingTest {
    @TempDir
    static Path folder;
    private static Vertx vertx;
    private static KnowledgeBase knowledge;
    private static KnowledgeIndex index;

    @BeforeAll
    static void index() throws Exception {
        Path docs = Files.createDirectory(folder.resolve("knowledge"));
        // "question" and "answer" are in every passage, as in the real knowledge base.
        Files.writeString(docs.resolve("agent.md"), """
                # Agent

                ## How the agent answers

                For a how-long question the agent prefers an answer sentence with a duration; planning an \
                answer costs little CPU. Every question gets an answer.

                ## Timeouts

                An answer that runs longer than 120 seconds ends with a timeout error. The question is not asked again.

                ## Vector store

                Glassbox keeps its vectors in S3 Vectors rather than OpenSearch Serverless, so an idle month \
                costs a few cents. Every question is answered from it.

                ## Licence

                Glassbox is open source under the Apache License 2.0. A question about it gets this answer.
                """);
        vertx = Vertx.vertx();
        knowledge = new KnowledgeBase(vertx, docs, folder.resolve("cache"), 60_000, 1024 * 1024);
        index = LocalServer.await(knowledge.start(), Duration.ofSeconds(120));
    }

    @AfterAll
    static void close() throws Exception {
        knowledge.close();
        LocalServer.await(vertx.close(), Duration.ofSeconds(10));
    }

    @Test
    void aRemarkAfterTheQuestionThatSpeaksOfNothingInTheDocsIsLeftOut() {
        assertThat(Asides.without(index, "How long may an answer run? my cat is sleeping lol"))
                .isEqualTo("How long may an answer run?");
        // Words of the docs, a question, or a remark before the question stay.
        assertThat(Asides.without(index, "How long may an answer run? The timeout error worries me."))
                .isEqualTo("How long may an answer run? The timeout error worries me.");
        assertThat(Asides.without(index, "my cat is sleeping. how long may an answer run?"))
                .isEqualTo("my cat is sleeping. how long may an answer run?");
        assertThat(Asides.without(index, "my cat is sleeping lol")).isEqualTo("my cat is sleeping lol");
    }

    @Test
    void wordsThatOnlyMakeAQuestionAreNotItsContent() {
        assertThat(index.contentTerms("How long can an answer run before it times out?"))
                .contains("run", "timeout").doesNotContain("how", "long", "out", "time");
        // Any form of a verb that only makes a question: "worked out", "tells".
        assertThat(index.contentTerms("How is the cost of each answer worked out?"))
                .containsExactly("cost", "answer");
        assertThat(index.contentTerms("Which endpoint tells me the server is ready?"))
                .doesNotContain("tell", "me");
        // Irregular forms too: "found" is the past of "find".
        assertThat(index.contentTerms("Where is the timeout found and who made it?")).containsExactly("timeout");
        // A negated auxiliary, whole or as the word splitter leaves it.
        assertThat(index.contentTerms("Why doesn't the answer time out?")).containsExactly("answer", "timeout");
        // "long" that is not "how long" is content.
        assertThat(index.contentTerms("Why is a long passage split?")).contains("long");
    }

    @Test
    void keywordSearchReadsOnlyTheContentTerms() {
        Retrieval retrieval = knowledge.retrieve(index, "How long can an answer run before it times out?");
        assertThat(retrieval.keywordTerms()).doesNotContain("how", "long", "can");
        assertThat(retrieval.passages().get(0).chunk().title()).endsWith("Timeouts");
    }

    @Test
    void passagesAreRankedByMeaningOnWhatTheQuestionAsksAboutNotOnTheProductName() {
        assertThat(index.meaningQuery("What does Glassbox use instead of OpenSearch Serverless?"))
                .isEqualTo("What does it use instead of OpenSearch Serverless?");
        // A question about the product itself keeps its name.
        assertThat(index.meaningQuery("What is Glassbox?")).isEqualTo("What is Glassbox?");
        Retrieval retrieval = knowledge.retrieve(index, "What does Glassbox use instead of OpenSearch Serverless?");
        assertThat(retrieval.meaningQuery()).isEqualTo("What does it use instead of OpenSearch Serverless?");
        assertThat(retrieval.byMeaning().get(0).title()).endsWith("Vector store");
    }

    @Test
    void aPassageSharingOnlyTheQuestionsGenericWordsDoesNotAnswerIt() {
        String question = "Can I ask questions by voice and hear the answer?";
        Understanding understanding = Understanding.of(index, question, question, false);
        // Similar enough to be quoted on similarity alone, but it has none of the specific words.
        Retrieval retrieval = knowledge.retrieve(index, question);
        List<Passage> passages = List.of(similar(retrieval.passages().get(0), 0.4));
        PassageChoice choice = PassageChoice.of(index, understanding, retrieval.asked(), passages, "");
        assertThat(choice.declineReason()).contains("weighed by how specific they are");
        assertThat(choice.sources()).isEmpty();
    }

    @Test
    void aPassageWithTheQuestionsSpecificWordsAnswersIt() {
        String question = "Which question has a timeout error?";
        Understanding understanding = Understanding.of(index, question, question, false);
        Retrieval retrieval = knowledge.retrieve(index, question);
        Passage timeouts = retrieval.passages().stream()
                .filter(p -> p.chunk().title().endsWith("Timeouts")).findFirst().orElseThrow();
        PassageChoice choice = PassageChoice.of(index, understanding, retrieval.asked(),
                List.of(similar(timeouts, 0.4)), "");
        assertThat(choice.declineReason()).isNull();
        assertThat(choice.sources()).hasSize(1);
    }

    @Test
    void aPassageAboutTheThingButNotTheDeedDoesNotAnswerHowToDoIt() {
        String question = "How do I move the vector store?";
        Understanding understanding = Understanding.of(index, question, question, false);
        assertThat(understanding.action().named()).isEqualTo("move the vector store");
        Retrieval retrieval = knowledge.retrieve(index, question);
        Passage store = retrieval.passages().stream()
                .filter(p -> p.chunk().title().endsWith("Vector store")).findFirst().orElseThrow();
        // Strongly similar and holding every word but the verb: still no answer to how to move it.
        PassageChoice choice = PassageChoice.of(index, understanding, retrieval.asked(), List.of(similar(store, 0.6)),
                "");
        assertThat(choice.declineReason()).contains("never describe how to move the vector store");
        assertThat(choice.sources()).isEmpty();
    }

    @Test
    void noDeedIsReadFromAPhrasalOrLightVerbAFollowUpNoObjectOrADeedThePassagesName() {
        for (String question : List.of("How do I spin up the vector store?", "How can I use the vector store?",
                "How do I switch the vector store?", "How do I move it?",
                // A passage says the verb and its object: the deed is described, wherever retrieval ranks it.
                "Can I answer questions from the vector store?",
                "What is the vector store?")) {
            assertThat(Understanding.of(index, question, question, false).action()).as(question).isNull();
        }
        assertThat(Understanding.of(index, "Can I move it?", "Can I move the vector store?", true).action())
                .isNull();
    }

    @Test
    void everydayPhrasalVerbsForStartingAndStoppingAreReadAsStartAndStop() {
        // "it" is the program started or stopped: "start it" alone means next to nothing to the embedder.
        assertThat(KnowledgeAnalyzer.plainVerbs("How do I kick it off on my laptop?"))
                .isEqualTo("How do I start Glassbox on my laptop?");
        assertThat(KnowledgeAnalyzer.plainVerbs("How do I get it going?")).isEqualTo("How do I start Glassbox?");
        assertThat(KnowledgeAnalyzer.plainVerbs("How do I shut the server down?")).isEqualTo("How do I stop the server?");
        assertThat(KnowledgeAnalyzer.plainVerbs("Can I turn it off?")).isEqualTo("Can I stop Glassbox?");
        assertThat(KnowledgeAnalyzer.plainVerbs("How do I fire up?")).isEqualTo("How do I start?");
        // "Turn off" before what it turns off switches a setting off; that is not stopping the program.
        assertThat(KnowledgeAnalyzer.plainVerbs("Can I turn off tracing?")).isEqualTo("Can I turn off tracing?");
        assertThat(index.contentTerms("How do I fire up the agent?")).containsExactly("start", "agent");
    }

    @Test
    void aWordSpeltTheOtherWayOrComparedOrMadeAVerbIsTheDocsWordNotAName() {
        assertThat(Spellings.others("initialise")).containsExactly("initialize");
        assertThat(Spellings.others("color")).containsExactly("colour");
        assertThat(Spellings.others("licence")).containsExactly("license");
        assertThat(Spellings.others("hour")).isEmpty();
        // A British spelling of a word the embedder knows in its American one is an ordinary word, not a name.
        assertThat(Understanding.of(index, "How long does it take to initialise?",
                "How long does it take to initialise?", false).unknownNames()).isEmpty();
        for (String word : List.of("cheapest", "pricier", "costliest", "bigger", "initialise", "optimise",
                "summarise", "prioritize")) {
            assertThat(Lexicon.whole(word)).as(word).isTrue();
        }
        assertThat(Lexicon.whole("kubernetes")).isFalse();
        for (String question : List.of("Which model is cheapest?", "Is it cheaper in the cloud?",
                "What is the priciest model?")) {
            assertThat(Understanding.of(index, question, question, false).amount()).as(question).isNotNull();
        }
    }

    @Test
    void aSuperlativeOfAMeasureAsksForThatAmountAndIsNoKeyTerm() {
        // "The longest question" asks a size as "how long can a question be" does; "the fastest first token" a
        // duration. The superlative itself says what kind of answer is wanted, not what it is about: the docs'
        // "the first start takes longest" is no answer.
        Map<String, String> asked = Map.of("What's the longest question it accepts?", "4,000 characters",
                "what is the biggest file it indexes", "1 MB", "the fastest first token so far?", "8 ms");
        asked.forEach((question, amount) -> {
            Understanding understanding = Understanding.of(index, question, question, false);
            assertThat(understanding.amount()).as(question).isNotNull();
            assertThat(understanding.amount().matcher(amount).find()).as(question).isTrue();
            assertThat(understanding.terms()).as(question)
                    .doesNotContain("longest", "biggest", "fastest", "largest", "shortest");
        });
    }

    @Test
    void aYesOrNoQuestionAboutAThingOrWhatWasDoneNeedsAPassageThatSpeaksOfIt() {
        Understanding plans = Understanding.of(index, "What pricing plans do you offer?",
                "What pricing plans do you offer?", false);
        assertThat(plans.action().asks()).isEqualTo("about pricing plans");
        Understanding translated = Understanding.of(index, "Is the vector store translated into French?",
                "Is the vector store translated into French?", false);
        assertThat(translated.action().objectWords()).containsExactly("translated");
        Passage store = knowledge.retrieve(index, translated.standaloneQuery()).passages().stream()
                .filter(p -> p.chunk().title().endsWith("Vector store")).findFirst().orElseThrow();
        assertThat(translated.describesAction(index, store.chunk())).isFalse();
        // An adverb after the participle says how, not what: the passage must speak of the deed only.
        Understanding answered = Understanding.of(index, "Is the question answered automatically?",
                "Is the question answered automatically?", false);
        assertThat(answered.action().objectWords()).containsExactly("answered");
        assertThat(answered.describesAction(index, store.chunk())).isTrue();
    }

    @Test
    void whatAThingIsForAndWhoIsInARoleArePartOfWhatIsAsked() {
        assertThat(asked("Is there an app for my phone?").action().objectWords()).containsExactly("app", "phone");
        // A thing that only sets something is what it sets.
        assertThat(asked("Is there a config option for the timeout?").action().objectWords())
                .containsExactly("timeout");
        Understanding ceo = asked("who is the ceo of the vector store?");
        assertThat(ceo.action().objectWords()).containsExactly("ceo");
        assertThat(ceo.describesAction(index, titled("Vector store"))).isFalse();
    }

    @Test
    void whatAPriceIsAskedOfIsAThingAPassageMustSpeakOfAsAKind() {
        // "plan" alone would be any plan: the docs' planning is no team plan.
        Understanding plan = asked("What's the price of the team plan for five people?");
        assertThat(plan.action().objectWords()).containsExactly("team", "plan");
        assertThat(plan.describesAction(index, titled("How the agent answers"))).isFalse();
        assertThat(asked("How much is the monthly subscription?").action().objectWords())
                .containsExactly("monthly", "subscription");
        Understanding month = asked("What does an idle month cost?");
        assertThat(month.describesAction(index, titled("Vector store"))).isTrue();
        // Words that count or grade what is priced need not be said; a pronoun or the product names no thing.
        assertThat(asked("What does an extra month cost?").action().objectWords()).containsExactly("month");
        // A number in words counts as digits do.
        assertThat(asked("how much would a thousand questions a month cost on AWS?").action().objectWords())
                .containsExactly("questions");
        assertThat(asked("How much is it?").action()).isNull();
        assertThat(asked("How much do I pay for the team plan per month?").action().objectWords())
                .containsExactly("team", "plan");
        assertThat(asked("how much per seat per month?").action().objectWords()).containsExactly("seat");
        assertThat(asked("What does Glassbox cost per month?").action()).isNull();
    }

    @Test
    void aVersionIsOfWhatItsModifierNamesAndAParticipleBeforeTheNounIsNoDeed() {
        // A visitor's "cloud version" is the cloud deployment: "version" is no word a passage must say.
        assertThat(asked("How much does the cloud version cost?").action().objectWords()).containsExactly("cloud");
        assertThat(asked("Is there a beta version?").action().objectWords()).containsExactly("beta");
        assertThat(asked("Which versions are there?").action().objectWords()).containsExactly("versions");
        // "hosted" says which version, not what was done to it; "translated" is what was done to the page.
        assertThat(asked("Is the hosted version live yet?").action()).isNull();
        assertThat(asked("Is the page translated into French?").action().objectWords()).containsExactly("translated");
        // "kept" is "keep", which only says that something stays: what the docs say about it answers.
        assertThat(asked("Is the vector store kept up to date?").action()).isNull();
    }

    @Test
    void aVerbWithALoneParticleMustBeSaidWithIt() {
        Understanding login = asked("Can I log in with GitHub?");
        assertThat(login.action().asks()).isEqualTo("how to log in");
        assertThat(login.describesAction(index, titled("Licence"))).isFalse();
        // With an object after it, the particle is a preposition: "run in Docker" is how to run.
        assertThat(asked("Can I run in Docker?").action()).isNull();
        // "into" is "in" and "to"; a lone "up", "out" or "off" makes a deed of its own too.
        assertThat(asked("How do I log into my account?").action().asks()).isEqualTo("how to log in");
        assertThat(asked("Where can I sign up for it?").action().asks()).isEqualTo("how to sign up");
        assertThat(asked("Can I log out?").action().asks()).isEqualTo("how to log out");
        // What others do into a thing is done to it; with an object, "up" makes an everyday phrasal verb.
        assertThat(asked("Can people break into the vector store?").action()).isNull();
        assertThat(asked("How do I clean up old timeouts?").action()).isNull();
        // A hyphenated verb with a particle done to something is an everyday phrasal verb too.
        assertThat(asked("Can I thumbs-down a bad answer?").action()).isNull();
    }

    @Test
    void howOrWhenSomethingIsDoneIsNotTheThingAskedAbout() {
        assertThat(asked("Can the agent stop an answer halfway?").action().objectWords()).containsExactly("answer");
        assertThat(asked("Does it time out by itself?").terms()).doesNotContain("itself");
        assertThat(index.contentTerms("What is the timeout right now?")).containsExactly("timeout");
    }

    @Test
    void aVerbOfPuttingOrAPlaceAskedForIsNotTheThingAskedAbout() {
        assertThat(asked("Is the web page bundled inside the jar?").action()).isNull();
        assertThat(asked("will it work on an older intel mac?").action()).isNull();
        // After "where can I", what it is done to is what a passage must speak of, not the verb.
        assertThat(asked("where can I scrape the prometheus numbers?").action().objectWords())
                .contains("prometheus").doesNotContain("scrape");
        assertThat(asked("where can I download the android app?").action().objectWords()).contains("android");
        // A description is of what it describes.
        assertThat(asked("is there a formal spec of the websocket messages?").action().objectWords())
                .doesNotContain("formal", "spec", "specification");
        assertThat(index.contentTerms("does it keep working when I'm offline?")).doesNotContain("i'm", "m");
    }

    @Test
    void aKindOfThingWhoseWordsTheDocsSayOnlyApartIsNoThingTheyMention() {
        // "timeout" and "store" are the docs' words, in sentences of their own: a "timeout store" is nothing they name.
        assertThat(asked("Is there a timeout store?").unknownNames()).containsExactly("timeout store");
        // Words the docs write together, or that grade the thing, name what they speak of.
        assertThat(asked("Is there a vector store?").unknownNames()).isEmpty();
        assertThat(asked("What does an idle month cost?").unknownNames()).isEmpty();
        assertThat(asked("Is an older answer kept?").unknownNames()).isEmpty();
        for (String word : List.of("old", "older", "biggest", "easy")) {
            assertThat(Lexicon.gradable(word)).as(word).isTrue();
        }
        for (String word : List.of("plan", "team", "pro", "store")) {
            assertThat(Lexicon.gradable(word)).as(word).isFalse();
        }
        // A phrase is found as whole words only.
        assertThat(index.mentionsPhrase("vector store")).isTrue();
        assertThat(index.mentionsPhrase("vector sto")).isFalse();
    }

    @Test
    void aCircumstanceOrADeedIsNoNameOfAThing() {
        // When it is asked ("on holidays", "on weekends when…"): a plural of an English word names no product, and
        // a clause word after it is no thing's word.
        assertThat(asked("Does the vector store cost anything on holidays?").unknownNames()).isEmpty();
        assertThat(asked("Can the agent answer on weekends when nobody asks?").unknownNames()).isEmpty();
        // How much ("a bigger store", "hardly any"): a word that grades or an adverb names no kind of a docs thing.
        assertThat(asked("Can the agent answer with a bigger store?").unknownNames()).isEmpty();
        assertThat(asked("Can the agent answer with hardly any timeout?").unknownNames()).isEmpty();
        // A verb with its object after "to" is done, not named; so is one after a person and a modal.
        assertThat(asked("Is the vector store safe from visitors trying to overwhelm it?").unknownNames()).isEmpty();
        assertThat(asked("Which timeout is there that we could finagle?").unknownNames()).isEmpty();
        // A product something runs on or is kept in is still a name, and so is a kind of a docs thing.
        assertThat(asked("Can I keep the vectors in pinecone?").unknownNames()).containsExactly("pinecone");
        assertThat(asked("Can the agent run on google store?").unknownNames()).containsExactly("google store");
    }

    @Test
    void aWordThatGradesOrAVerbBeforeItsObjectIsNoKindOfThing() {
        // Adjectives whose comparatives the vocabulary lacks grade by their meaning, near good, bad, big or small.
        assertThat(asked("Does the agent answer with a nasty timeout?").unknownNames()).isEmpty();
        assertThat(asked("What is the little timeout for?").unknownNames()).isEmpty();
        // A verb after "loves to", "tried to" and the like is done, as after "want to".
        assertThat(asked("Is the timeout for someone who loves to tinker?").unknownNames()).isEmpty();
        // A kind's words end before a determiner: "the agent refuses some …" is a subject, its verb and an object.
        assertThat(asked("I heard the store times some answers out?").unknownNames()).isEmpty();
        // A word that names a kind is still one.
        assertThat(asked("Is there a timeout store?").unknownNames()).containsExactly("timeout store");
    }

    /** A question asked on its own, not as a follow-up. */
    private static Understanding asked(String question) {
        return Understanding.of(index, question, question, false);
    }

    /** The chunk of the section whose title ends so. */
    private static KnowledgeChunk titled(String title) {
        return knowledge.retrieve(index, title).passages().stream().map(Passage::chunk)
                .filter(chunk -> chunk.title().endsWith(title)).findFirst().orElseThrow();
    }

    /** The passage as if its similarity to the question were {@code similarity}, its sentences less. */
    private static Passage similar(Passage passage, double similarity) {
        double[] pieces = new double[passage.pieces().size()];
        java.util.Arrays.fill(pieces, similarity / 2);
        return new Passage(passage.chunk(), similarity, 1, 1, passage.fusedScore(), passage.pieces(), pieces);
    }
}

package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.local.understanding.Understanding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Visitor questions about Glassbox find the file that answers them among the top three passages. */
public class RetrievalQualityTest {
    /** Question → the knowledge file that answers it. Phrased as a visitor would, not as the headings are. */
    public static final Map<String, String> QUESTIONS = Map.ofEntries(
            Map.entry("How much does Glassbox cost to run per month?", "costs.md"),
            Map.entry("What does one answer cost with Nova Lite?", "costs.md"),
            Map.entry("Why is OpenSearch Serverless not the default vector store?", "costs.md"),
            Map.entry("What stops a visitor from running up a big bill?", "costs.md"),
            Map.entry("What happens when I reconnect in the middle of an answer?", "architecture.md"),
            Map.entry("Where is the state of the Lambda functions kept?", "architecture.md"),
            Map.entry("Why are there two Lambda functions, a route handler and a stream worker?", "design-decisions.md"),
            Map.entry("How can I run the Lambda cloud path on my laptop with the local API Gateway?", "architecture.md"),
            Map.entry("What does the /readyz endpoint return while indexing?", "architecture.md"),
            Map.entry("How does the local agent find the passages it quotes?", "architecture.md"),
            Map.entry("Which Prometheus metrics does the server expose?", "architecture.md"),
            Map.entry("How do I run all the tests?", "cicd.md"),
            Map.entry("Is there a GitHub Actions workflow to deploy?", "cicd.md"),
            Map.entry("Why not use a generative model on my laptop?", "model-selection.md"),
            Map.entry("Which LLM answers in the cloud?", "model-selection.md"),
            Map.entry("Why are tokens batched before they are sent?", "design-decisions.md"),
            Map.entry("Why Vert.x instead of one thread per connection?", "design-decisions.md"),
            Map.entry("Why is WebSocket compression switched off?", "design-decisions.md"),
            Map.entry("Does the agent ever make things up?", "agent-philosophy.md"),
            Map.entry("What does the agent do when it cannot find an answer?", "agent-philosophy.md"),
            Map.entry("Which files are in the knowledge base?", "README.md"),
            Map.entry("How fast is the first token of the local agent?", "performance.md"),
            // The visitor's word is not the docs' word: the thesaurus (KnowledgeAnalyzer.VISITOR_WORDS).
            Map.entry("Is SSL handled by the local server?", "security.md"),
            Map.entry("Can I download my conversation as a file?", "architecture.md"),
            Map.entry("Where can the owner see the questions Glassbox left unanswered?", "architecture.md"),
            // BM25 finds the visitor's rare word where meaning ranks the passage low: its best is kept.
            Map.entry("Which command lists for the owner what the agent declined?", "architecture.md"));

    @AutoClose
    private static final RepositoryKnowledge REPOSITORY = RepositoryKnowledge.start();

    @Test
    void eachThesaurusWordIsOneTheDocsUseAndIndexesAsTheVisitorsWordsToo() {
        KnowledgeAnalyzer.VISITOR_WORDS.forEach((docs, visitor) -> {
            assertThat(REPOSITORY.index().mentions(docs)).as("the docs use %s", docs).isTrue();
            Set<String> terms = KnowledgeIndex.terms(KnowledgeAnalyzer.forText(), docs);
            Set<String> asWritten = KnowledgeIndex.terms(KnowledgeAnalyzer.forTextAsWritten(), docs);
            visitor.forEach(word -> assertThat(terms).as("%s indexes as %s", docs, word)
                    .containsAll(KnowledgeIndex.terms(KnowledgeAnalyzer.forTextAsWritten(), word)));
            assertThat(terms).containsAll(asWritten);
        });
        // Questions are analysed as the visitor wrote them: coverage counts the visitor's own terms.
        assertThat(KnowledgeIndex.terms(KnowledgeAnalyzer.forQuestions(), "TLS export")).containsExactly("tl", "export");
    }

    @Test
    void anAcronymIsKnownWhenTheDocsSpellItOutAsATermButNotByChance() {
        assertThat(REPOSITORY.index().spellsOut("TTL")).as("time-to-live").isTrue();
        assertThat(REPOSITORY.index().spellsOut("GKE")).isFalse();
        assertThat(REPOSITORY.index().spellsOut("AKS")).isFalse();
        Map<String, String> initialisms = new java.util.HashMap<>();
        KnowledgeIndex.initialisms("Answers stream over server-sent events, with a Content-Security-Policy set by "
                + "Amazon Simple Queue Service.", initialisms);
        assertThat(initialisms).containsKeys("sse", "csp", "asqs", "sqs").containsEntry("sse", "server-sent events");
        Map<String, String> repeated = new java.util.HashMap<>();
        KnowledgeIndex.repeatedTermInitials(List.of("Each item has a time to live.", "The time to live is a day.",
                "A rare word once."), List.of("Infrastructure as code in Java"), repeated);
        assertThat(repeated).containsKeys("ttl", "tl", "iac").doesNotContainKey("rw")
                .containsEntry("ttl", "time to live");
        // A term ends where a clause or an example starts: "server such as Ollama" spells no acronym.
        Map<String, String> clauses = new java.util.HashMap<>();
        KnowledgeIndex.repeatedTermInitials(List.of("A model server such as Ollama.", "Any server such as Ollama."),
                List.of(), clauses);
        assertThat(clauses).doesNotContainKey("sso");
        // Searched in the docs' words: what the docs say about the term is found.
        assertThat(REPOSITORY.index().inDocsWords("What is the TTFT of the local agent?"))
                .isEqualTo("What is the time to the first token of the local agent?");
        // In lower case too, from four letters on; a shorter one is mostly chat spelling ("btw" is no term).
        assertThat(REPOSITORY.index().inDocsWords("whats the ttft of a local answer?"))
                .isEqualTo("whats the time to the first token of a local answer?");
        assertThat(REPOSITORY.index().inDocsWords("btw how fast is it?")).isEqualTo("btw how fast is it?");
        assertThat(REPOSITORY.index().inDocsWords("Where does the knowledgebase live?"))
                .isEqualTo("Where does the knowledge base live?");
        // A clipped word is the start of a word of the docs, not of a name such as AdministratorAccess.
        assertThat(REPOSITORY.index().inDocsWords("Where is the infra defined?"))
                .isEqualTo("Where is the infrastructure defined?");
        assertThat(REPOSITORY.index().mentions("admin")).isFalse();
        // A word of its own is no clipped word: "white" is not "whitespace".
        assertThat(REPOSITORY.index().inDocsWords("Can I white-label the page?")).isEqualTo("Can I white-label the page?");
    }

    @Test
    void aLowerCaseWordIsANameOnlyWhenNoOrdinaryWordNorATypingError() {
        KnowledgeIndex index = REPOSITORY.index();
        assertThat(Lexicon.ordinary("kubernetes")).isFalse();
        assertThat(Lexicon.ordinary("offline")).as("two words run together").isTrue();
        assertThat(Lexicon.ordinary("weather")).isTrue();
        assertThat(index.nearlyMentions("anwser")).as("a typing error for answer").isTrue();
        assertThat(index.nearlyMentions("memcached")).isFalse();
        assertThat(KnowledgeIndex.withinOneEdit("recieve", "receive")).isTrue();
        assertThat(KnowledgeIndex.withinOneEdit("redis", "reads")).isFalse();
        assertThat(index.mentionsPhrase("Amazon  S3")).isTrue();
        assertThat(index.mentionsPhrase("Terraform Cloud")).isFalse();
    }

    @Test
    void aVisitorsWordIsKnownByMeaningWhenTheDocsUseAWordOfTheSameMeaning() {
        KnowledgeIndex index = REPOSITORY.index();
        assertThat(index.knownMeaning("ram")).as("memory").isGreaterThanOrEqualTo(WordMeanings.SAME_MEANING);
        assertThat(index.knownMeaning("mobile")).as("phone").isGreaterThanOrEqualTo(WordMeanings.SAME_MEANING);
        assertThat(index.knownMeaning("slack")).isLessThan(WordMeanings.SAME_MEANING);
        assertThat(index.knownMeaning("notion")).isLessThan(WordMeanings.SAME_MEANING);
        assertThat(WordMeanings.credit(WordMeanings.SAME_MEANING)).isZero();
        assertThat(WordMeanings.credit(WordMeanings.SYNONYM)).isEqualTo(1);
    }

    @Test
    void aNameIsReadByItsFormItsPlaceAndWhetherTheDocsSayTheSameInOtherWords() {
        assertThat(unknownNames("Is there a Night Mode for the page?")).as("night as the docs' dark").isEmpty();
        assertThat(unknownNames("Does it sync answers with notion?")).containsExactly("notion");
        assertThat(unknownNames("Can the local server send metrics to datadog?")).containsExactly("datadog");
        assertThat(unknownNames("Does the page work on mobile?")).isEmpty();
        assertThat(unknownNames("Can I keep the vectors in pinecone?")).as("two words run together").containsExactly(
                "pinecone");
        assertThat(unknownNames("Does it work in parallel with other servers?")).as("a manner, not a product").isEmpty();
        assertThat(unknownNames("Is there an iPad app?")).containsExactly("iPad");
        assertThat(REPOSITORY.index().spellsOut("TTFT")).as("time to the first token").isTrue();
        assertThat(unknownNames("Which events carry the sessionid?")).as("session id, joined").isEmpty();
        assertThat(unknownNames("How is the infra deployed?")).as("infrastructure, clipped").isEmpty();
        assertThat(unknownNames("How is the IaC written?")).as("a heading's term").isEmpty();
        assertThat(unknownNames("why doesnt the page keep my chat, and whats stored if i cant see it?"))
                .as("contractions typed without their apostrophe").isEmpty();
    }

    @Test
    void aWordTheDocsWriteAsOneOrHyphenatedIsReadAsTheyWriteIt() {
        KnowledgeIndex index = REPOSITORY.index();
        assertThat(index.inDocsWords("How long before an answer is timing out?"))
                .isEqualTo("How long before an answer is timeout?");
        assertThat(index.contentTerms("When does an idle socket time out?")).contains("timeout").doesNotContain("time");
        assertThat(index.inDocsWords("How do I reindex the knowledge base?")).contains("re-index");
        assertThat(unknownNames("Is the knowledge base reindexed automatically?")).isEmpty();
        // Three-letter abbreviations lend no meaning: "shard" is no word of the docs because SHA-256 says "SHA".
        assertThat(index.knownMeaning("shard")).isLessThan(WordMeanings.SAME_MEANING);
    }

    @Test
    void aYesOrNoQuestionAsksAboutTheRarestWordOfItsThing() {
        Understanding.Action app = understanding("Is there a mobile app?").action();
        assertThat(app.form()).isEqualTo(Understanding.Form.THING);
        assertThat(app.objectWords()).containsExactly("mobile");
        // The subject is "it" or the docs' longest run of words ("the local server"); the thing follows the verb.
        assertThat(understanding("Does it phone home?").action().asks()).isEqualTo("about home");
        assertThat(understanding("Does the local server speak HTTPS on its own?").action().object()).isEqualTo("HTTPS");
        assertThat(understanding("Can the page read answers aloud?").action().object()).isEqualTo("answers aloud");
        // A thing followed by "to" is the means of a deed, which the question asks about instead.
        assertThat(understanding("Is there a keyboard shortcut to stop an answer?").action()).isNull();
        // "app" is close in meaning to "mobile", but in a passage it stands for the question's "app".
        KnowledgeChunk cdktf = passage("The app offers no variant");
        assertThat(understanding("Is there a mobile app?").describesAction(REPOSITORY.index(), cdktf)).isFalse();
        assertThat(understanding("Is there a mobile app?").action().unmet())
                .isEqualTo("no passage speaks of mobile app: none says \"mobile\" or a word of the same meaning");
    }

    @Test
    void anEverydayWordIsNoNameAndAHedgeNoPartOfWhatIsAsked() {
        // A verb where it stands, however rare a word: done by a person, after "to", or a participle after "been".
        assertThat(unknownNames("How can I be sure the Terraform download hasn't been tampered with?")).isEmpty();
        assertThat(unknownNames("Can I tinker with the composer?")).isEmpty();
        assertThat(unknownNames("What if someone tampered with the download?")).isEmpty();
        assertThat(unknownNames("Is memcached supported?")).containsExactly("memcached");
        assertThat(unknownNames("Can it cache answers in memcached?")).containsExactly("memcached");
        // "Some kind of", "any type of", "sort of" only hedge: no term, and not the thing asked about.
        assertThat(QuestionForm.withoutHedges("What kind of vector store does it use?"))
                .isEqualTo("What vector store does it use?");
        Understanding warning = understanding("Is there any type of warning before the budget runs out?");
        assertThat(warning.terms()).doesNotContain("type");
        assertThat(warning.action().objectWords()).containsExactly("warning");
        assertThat(understanding("Can I get some kind of alert?").terms()).containsExactly("alert");
    }

    @Test
    void aShortFormOfTheDocsTermIsReadAsTheTerm() {
        // Clipped and joined: "symlink" for the "symbolic link" the docs write twice.
        assertThat(REPOSITORY.index().inDocsWords("Does it follow a symlink?"))
                .isEqualTo("Does it follow a symbolic link?");
        assertThat(REPOSITORY.index().inDocsWords("Are symlinks read?")).contains("symbolic link");
        assertThat(unknownNames("Can I put a symlink in the knowledge folder?")).isEmpty();
        assertThat(REPOSITORY.index().inDocsWords("Which envvar sets the port?")).contains("environment variable");
        assertThat(unknownNames("Does it work with pinecone?")).containsExactly("pinecone");
        // A name of capitalised words the docs write the other way round: "macOS on Intel".
        assertThat(unknownNames("Does it run on an Intel Mac?")).isEmpty();
        assertThat(unknownNames("Can I deploy the stack with Terraform Cloud?")).containsExactly("Terraform Cloud");
        // An initialism needs a term, not a run of words that meet twice ("servers started at once").
        assertThat(unknownNames("Does Glassbox support SSO?")).containsExactly("SSO");
        assertThat(unknownNames("How much RAM does the server need?")).as("the docs' memory").isEmpty();
        assertThat(unknownNames("Can Glassbox text me the answer by SMS?")).as("not WebSocket messages")
                .containsExactly("SMS");
    }

    @Test
    void aGreetingWithPoliteWordsIsAGreeting() {
        assertThat(understanding("Hello there, good morning!").intent()).isEqualTo(Understanding.Intent.GREETING);
        assertThat(understanding("Good evening there, hi!").intent()).isEqualTo(Understanding.Intent.GREETING);
        assertThat(understanding("Hello there! Good morning, how are you?").intent())
                .isEqualTo(Understanding.Intent.GREETING);
        assertThat(understanding("Hi there, good afternoon. Which port does it use?").intent())
                .isEqualTo(Understanding.Intent.QUESTION);
    }

    @Test
    void aHowManyQuestionIsAnsweredOnlyByAPassageSpeakingOfWhatItCounts() {
        Understanding users = understanding("How many monthly active users does Glassbox have?");
        assertThat(users.action().form()).isEqualTo(Understanding.Form.COUNT);
        // The noun counted, which the docs use, they may say in words of their own: the others must be said.
        assertThat(users.action().objectWords()).containsExactly("monthly", "active");
        assertThat(understanding("How many users can the server handle?").action()).isNull();
        assertThat(understanding("How many stars does the repository have?").action().objectWords())
                .containsExactly("stars");
        assertThat(users.describesAction(REPOSITORY.index(), passage("least recently active conversation"))).isFalse();
        assertThat(users.action().unmet()).startsWith("no passage speaks of monthly active users");
        assertThat(understanding("How many people starred the repository?").action().object())
                .isEqualTo("people starred");
        Understanding workers = understanding("How many stream workers does the local API Gateway run at once?");
        assertThat(workers.action().object()).isEqualTo("stream workers");
        assertThat(workers.describesAction(REPOSITORY.index(), passage("runs up to 10 stream workers"))).isTrue();
    }

    @Test
    void aWhoQuestionIsAnsweredOnlyByASentenceNamingWhoDoesIt() {
        Understanding built = understanding("Who built Glassbox?");
        assertThat(built.action().form()).isEqualTo(Understanding.Form.WHO);
        assertThat(built.action().named()).isEqualTo("who built Glassbox");
        // The README says how Glassbox "is built" and that it is explained "to a visitor", but by no one.
        assertThat(built.describesAction(REPOSITORY.index(), passage("how it is built"))).isFalse();
        // A visitor as the subject of "asks" names who asks.
        assertThat(understanding("Who asks the questions?").describesAction(REPOSITORY.index(),
                passage("A visitor asks a question in a web page"))).isTrue();
    }

    private static Understanding understanding(String question) {
        return Understanding.of(REPOSITORY.index(), question, question, false);
    }

    private static KnowledgeChunk passage(String saying) {
        return REPOSITORY.knowledge().retrieve(REPOSITORY.index(), saying).passages().stream()
                .map(Passage::chunk).filter(c -> c.text().contains(saying)).findFirst().orElseThrow();
    }

    private static List<String> unknownNames(String question) {
        return Understanding.of(REPOSITORY.index(), question, question, false).unknownNames();
    }

    @Test
    void thePassageBestByMeaningIsJudgedWhenKeywordsRankItBelowTheirCandidates() {
        // "single" and "AWS" are not the docs' words for this: "One answer in the cloud is estimated to cost …".
        Retrieval retrieval = REPOSITORY.knowledge().retrieve(REPOSITORY.index(), "How much is a single answer on AWS?");
        Passage best = retrieval.passages().stream().filter(p -> p.vectorRank() == 1).findFirst().orElseThrow();
        assertThat(best.keywordRank()).as("keywords rank it outside their candidates").isZero();
        assertThat(best.chunk().text()).contains("One answer in the cloud is estimated to cost");
    }

    @Test
    void recallAtThreeIsAtLeastNinetyPercent() {
        List<String> misses = new ArrayList<>();
        QUESTIONS.forEach((question, expected) -> {
            List<String> top = REPOSITORY.knowledge().retrieve(REPOSITORY.index(), question).passages().stream()
                    .limit(3).map(p -> p.chunk().source()).toList();
            if (!top.contains(expected)) {
                misses.add(question + " → expected " + expected + ", got " + top);
            }
        });
        double recall = 1.0 - (double) misses.size() / QUESTIONS.size();
        assertThat(recall).as("recall@3; misses: %s", misses).isGreaterThanOrEqualTo(0.9);
    }
}

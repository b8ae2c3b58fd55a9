package dev.glassbox.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneQueryTest {

    private static List<ConversationTurn> after(String... questions) {
        return java.util.Arrays.stream(questions).map(q -> new ConversationTurn(q, "Some answer [1].")).toList();
    }

    /** A conversation whose one question was declined: its answer quoted nothing. */
    private static List<ConversationTurn> declined(String question) {
        return List.of(new ConversationTurn(question, "I could not find anything about that in the Glassbox "
                + "knowledge base."));
    }

    @Test
    void aFirstQuestionStandsAsItIs() {
        assertThat(StandaloneQuery.of("And with Claude Sonnet 4?", List.of()))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("And with Claude Sonnet 4?", false));
    }

    @Test
    void aNewNameTakesThePlaceOfThePreviousOne() {
        assertThat(StandaloneQuery.of("And with Claude Sonnet 4?", after("What does an answer cost with Nova Lite?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("What does an answer cost with Claude Sonnet 4?", true));
    }

    @Test
    void theVisitorsOwnIIsNotANameThatReplacesThePreviousOne() {
        assertThat(StandaloneQuery.of("What is it set to unless I change it?", after("What is GLASSBOX_LOCAL_PACE_MS?"))
                .query()).isEqualTo("What is GLASSBOX_LOCAL_PACE_MS set to unless I change it? (What is "
                        + "GLASSBOX_LOCAL_PACE_MS?)");
    }

    @Test
    void aQuestionThatPointsBackKeepsThePreviousQuestionAsContext() {
        assertThat(StandaloneQuery.of("how long does that take?", after("How does the deploy workflow work?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("how long does the deploy workflow take? (How does the deploy workflow "
                        + "work?)", true, List.of("deploy workflow"), "how long does the deploy workflow take?"));
        assertThat(StandaloneQuery.of("why?", after("Does Glassbox use WebSockets?")).query())
                .isEqualTo("why? (Does Glassbox use WebSockets?)");
        assertThat(StandaloneQuery.of("And why is that?", after("Does Glassbox use WebSockets?")).query())
                .isEqualTo("why is that? (Does Glassbox use WebSockets?)");
    }

    @Test
    void anEllipticalFollowUpTakesThePlaceOfWhatThePreviousQuestionAskedAbout() {
        assertThat(StandaloneQuery.of("And what about the cloud?", after("What does Glassbox cost locally?")))
                .as("a place said as a noun takes its preposition")
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("What does Glassbox cost in the cloud?", true));
        assertThat(StandaloneQuery.of("And each IP address?", after("How many questions may one connection send?"))
                .query()).isEqualTo("How many questions may each IP address send?");
        assertThat(StandaloneQuery.of("And the stream worker?", after("What does the route handler do?")).query())
                .as("a thing named in two words takes the place of two").isEqualTo("What does the stream worker do?");
        assertThat(StandaloneQuery.of("And HTML?", after("How does the page render Markdown?")).query())
                .isEqualTo("How does the page render HTML?");
        assertThat(StandaloneQuery.of("And why?", after("Does Glassbox use WebSockets?")).query())
                .as("a question word is not a thing asked about").isEqualTo("why? (Does Glassbox use WebSockets?)");
    }

    @Test
    void aFollowUpToAFollowUpStillCarriesTheTopic() {
        assertThat(StandaloneQuery.of("why?", after("What does an answer cost with Nova Lite?", "And Claude Sonnet 4?"))
                .query()).isEqualTo("why? (What does an answer cost with Claude Sonnet 4?)");
    }

    @Test
    void aQuestionThatStandsAloneIsNotRewrittenEvenInAConversation() {
        assertThat(StandaloneQuery.of("What licence is Glassbox released under?", after("How much does it cost?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("What licence is Glassbox released under?", false));
        assertThat(StandaloneQuery.of("How does resume work after a reconnect in the cloud?", after("Why WebSockets?"))
                .followUp()).isFalse();
        assertThat(StandaloneQuery.of("How much does it cost to run Glassbox locally?", after("How do I run the tests?"))
                .followUp()).as("an \"it\" that points at nothing").isFalse();
        assertThat(StandaloneQuery.of("Is it possible to run Glassbox without a network?", after("What is S3 Vectors?"))
                .followUp()).isFalse();
        assertThat(StandaloneQuery.of("Is there a licence?", after("What is S3 Vectors?")).followUp()).isFalse();
        assertThat(StandaloneQuery.of("How long does it take to run?", after("What does deploy.yml do?")).followUp())
                .as("nothing to ask about but the previous subject").isTrue();
        assertThat(StandaloneQuery.of("Is there a limit?", after("Can visitors rate answers?")).followUp()).isTrue();
    }

    @Test
    void aFollowUpThatPointsAtWhatTheAnswerNamedCarriesThoseNames() {
        List<ConversationTurn> history = List.of(new ConversationTurn("Which model does the cloud use by default?",
                "The model is a setting. [1] Amazon Nova Lite is the intended default because it is fast and "
                        + "inexpensive. [1] It is reached through Amazon Bedrock. [2] Unquoted Text Here."));
        assertThat(StandaloneQuery.of("How much does it cost?", history).query())
                .as("names of the sentences most about the question's words; uncited text and first words never")
                .isEqualTo("How much does it cost? (Which model does the cloud use by default? Nova Lite)");
        List<ConversationTurn> cache = List.of(new ConversationTurn("Where are the embeddings cached?",
                "Embeddings are cached on disk in the cache folder (GLASSBOX_CACHE_DIR, ~/.cache/glassbox by "
                        + "default). [1] "
                        + "/metrics serves them, see deploy.yml. [2]"));
        assertThat(StandaloneQuery.of("Can I change that folder?", cache).query())
                .isEqualTo("Can I change that folder? (Where are the embeddings cached? GLASSBOX_CACHE_DIR)");
    }

    @Test
    void aFollowUpThatNamesWhatItPointsAtCarriesOnlyTheNamesOfSentencesAboutIt() {
        List<ConversationTurn> found = List.of(new ConversationTurn("How does the local agent find passages?",
                "The server splits every Markdown file into passages. [1] Each passage is embedded too. [1]"));
        assertThat(StandaloneQuery.of("Where are those embeddings stored?", found).query())
                .isEqualTo("Where are those embeddings stored? (How does the local agent find passages?)");
    }

    @Test
    void itMeansWhatThePreviousQuestionNamedWhenItNamedSomething() {
        List<ConversationTurn> deploy = List.of(new ConversationTurn("What does deploy.yml do?",
                "Keyword search reads GLASSBOX_DAILY_BUDGET_USD in parts, and KnowledgeSync too. [1]"));
        assertThat(StandaloneQuery.of("When does it run?", deploy).query())
                .isEqualTo("When does deploy.yml run? (What does deploy.yml do?)");
        List<ConversationTurn> backend = List.of(new ConversationTurn("What is GLASSBOX_BACKEND for?",
                "It chooses the backend: local, openai or one on Amazon Bedrock. [1]"));
        assertThat(StandaloneQuery.of("What values can it take?", backend).query())
                .isEqualTo("What values can GLASSBOX_BACKEND take? (What is GLASSBOX_BACKEND for?)");
        // A name the question sets the answer against is not what "that" means.
        List<ConversationTurn> instead = List.of(new ConversationTurn(
                "What does Glassbox use instead of OpenSearch Serverless?",
                "Glassbox stores its vectors in Amazon S3 Vectors instead. [1]"));
        assertThat(StandaloneQuery.of("How much does that cost a month?", instead).query())
                .isEqualTo("How much does that cost a month? (What does Glassbox use instead of OpenSearch Serverless? "
                        + "Amazon S3 Vectors)");
    }

    @Test
    void aNameInCamelCaseIsWhatTheAnswerNamed() {
        List<ConversationTurn> kept = List.of(new ConversationTurn("What does my browser keep of the conversation?",
                "The page keeps its conversation in the browser tab's sessionStorage. [1]"));
        assertThat(StandaloneQuery.of("How much of it?", kept).query())
                .isEqualTo("How much of it? (What does my browser keep of the conversation? sessionStorage)");
    }

    @Test
    void theKindOfThingAQuestionAsksForIsNotWhatItNames() {
        List<ConversationTurn> llm = List.of(new ConversationTurn("Which LLM does Glassbox use?",
                "In the cloud, the model that writes the answers is Amazon Nova Lite by default. [1]"));
        assertThat(StandaloneQuery.of("how much does it cost per token?", llm).meant())
                .containsExactly("Amazon Nova Lite");
    }

    @Test
    void aCommandLineOptionInTheAnswerIsNotAName() {
        List<ConversationTurn> load = List.of(new ConversationTurn("What runs the load test?",
                "Run ./mvnw -Pload -DskipTests verify, which starts the Paced backend of all-MiniLM-L6-v2. [1]"));
        assertThat(StandaloneQuery.of("How long does it take?", load).query())
                .isEqualTo("How long does it take? (What runs the load test? Paced, MiniLM-L6-v2)");
    }

    @Test
    void aQuestionOnlyAskingWhatIsLackingOrWhatElseLeansOnThePreviousOne() {
        for (String leaning : List.of("what's the catch?", "any downsides?", "anything else?", "what's missing?",
                "what are the drawbacks?", "any caveats?")) {
            assertThat(StandaloneQuery.of(leaning, after("How does the local agent choose passages?")))
                    .as(leaning)
                    .satisfies(q -> assertThat(q.followUp()).isTrue())
                    .satisfies(q -> assertThat(q.query()).contains("choose passages"));
        }
        assertThat(StandaloneQuery.of("What are the limitations of the cloud path?",
                after("How does the local agent choose passages?")).followUp())
                .as("a question naming its own subject stands alone").isFalse();
        assertThat(StandaloneQuery.asksOnlyForAProperty("what's the catch?"))
                .as("the catch is not a property the previous answer may have stated").isFalse();
    }

    @Test
    void anOrderToSayMoreLeansOnThePreviousQuestion() {
        for (String more : List.of("could you elaborate a bit?", "please expand", "more details?",
                "explain further please", "can you clarify")) {
            assertThat(StandaloneQuery.of(more, after("How are conversation turns stored in the cloud?")))
                    .as(more)
                    .satisfies(q -> assertThat(q.followUp()).isTrue())
                    .satisfies(q -> assertThat(q.query()).contains("conversation turns stored"));
        }
        assertThat(StandaloneQuery.of("explain the price table",
                after("How are conversation turns stored in the cloud?")).followUp())
                .as("an order that names its own subject stands alone").isFalse();
    }

    @Test
    void itThatHasToDoSomethingIsWhatThePreviousQuestionMeasured() {
        List<ConversationTurn> size = List.of(new ConversationTurn("How heavy is the tools jar?",
                "The tools jar weighs 3 MB and runs in the JVM of the API Gateway emulator. [1]"));
        assertThat(StandaloneQuery.of("what ceiling does it need to remain under?", size).query())
                .as("\"it needs to\" is the jar, not a name the answer gave on the way")
                .startsWith("what ceiling does the tools jar need to remain under?");
    }

    @Test
    void aThingCountedPerTakesThePlaceOfOneCountedWithEach() {
        assertThat(StandaloneQuery.of("And per IP range?", after("Are answers capped for every session?")).query())
                .isEqualTo("Are answers capped for every IP range?");
        assertThat(StandaloneQuery.of("and per tenant?", after("How many files can each worker open?")).query())
                .as("the counted thing's verb stays after it").isEqualTo("How many files can each tenant open?");
        assertThat(StandaloneQuery.of("what about across every tenant together?",
                after("How many files can one worker open?")).query())
                .isEqualTo("How many files can every tenant together open?");
    }

    @Test
    void whyAfterAskingWhichThingAsksAboutTheThingTheAnswerNamed() {
        List<ConversationTurn> store = List.of(new ConversationTurn("Which message queue does the cloud use?",
                "The cloud runs on Amazon Web Services with AWS Lambda. [1] Its only message queue is Amazon SQS. [2]"));
        assertThat(StandaloneQuery.of("why?", store).query())
                .as("the sentence naming the kind asked for names what was chosen")
                .isEqualTo("why? (Which message queue does the cloud use? Amazon SQS)");
    }

    @Test
    void theOtherOneLeansOnThePreviousAnswerOrIsTheOtherPlace() {
        assertThat(StandaloneQuery.of("and the other service?", List.of(new ConversationTurn(
                "What does the feedback writer do?", "The feedback writer appends entries; the report reader reads "
                        + "them. [1]"))).query())
                .as("no word of the previous question is swapped for 'other service'")
                .startsWith("the other service? (What does the feedback writer do?");
        assertThat(StandaloneQuery.of("and the other one?", List.of(new ConversationTurn(
                "How often does the nightly-build workflow run?", "The nightly-build workflow runs at 02:00. [1] The "
                        + "weekly-audit workflow runs on Sundays. [2]"))).query())
                .as("the other thing of the kind the answer named")
                .isEqualTo("How often does the weekly-audit workflow run?");
        assertThat(StandaloneQuery.of("and the other one?", List.of(new ConversationTurn(
                "How often does the nightly-build workflow run?", "I could not find anything about that: the closest "
                        + "passage was about the weekly-audit workflow."))).query())
                .as("a decline quotes nothing, so it names no other thing").doesNotContain("weekly-audit");
        assertThat(StandaloneQuery.of("what about the other version?", after("Which threats does the local server "
                + "block?")).query()).isEqualTo("Which threats does the cloud block?");
    }

    @Test
    void aQuestionAfterADeclinedOneIsNotDraggedBackToIt() {
        List<ConversationTurn> declined = List.of(new ConversationTurn("Does it run on Heroku?",
                "I could not find anything about that in the Glassbox knowledge base, so I will not guess: the "
                        + "knowledge base never mentions Heroku."));
        assertThat(StandaloneQuery.of("How do I run it on my laptop then?", declined).query())
                .as("what the declined question named would decline this one too; its \"it\" is Glassbox")
                .isEqualTo("How do I run Glassbox on my laptop?");
        assertThat(StandaloneQuery.of("How much does it cost?", declined))
                .as("a question with no subject of its own asks about Glassbox, not the declined name")
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("How much does Glassbox cost?", true));
        assertThat(StandaloneQuery.of("ok, and what can it do then?", declined("Does Glassbox integrate with Zorblax?"))
                .query()).isEqualTo("what can Glassbox do?");
        assertThat(StandaloneQuery.of("Is it possible to try its demo?", declined).query())
                .as("an \"it\" that points at nothing stays")
                .isEqualTo("Is it possible to try Glassbox's demo?");
        assertThat(StandaloneQuery.of("Why not?", declined).query())
                .as("a why-question still asks about the declined question")
                .contains("Heroku");
        assertThat(StandaloneQuery.of("And on AWS?", List.of(new ConversationTurn(
                "How much does Glassbox cost on Google Cloud?", "I could not find anything about that."))))
                .as("a name in place of the declined one is still swapped in")
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("How much does Glassbox cost on AWS?", true));
        assertThat(StandaloneQuery.of("What about AWS then?", List.of(new ConversationTurn("Can I run it on Azure?",
                "I could not find anything about that."))))
                .as("a place in place of a name that was where it runs")
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("Can I deploy it on AWS?", true));
        assertThat(StandaloneQuery.of("Why is that?", after("Does Glassbox use WebSockets?")).query())
                .as("a why-question asks about the question, not what the answer named")
                .isEqualTo("Why is that? (Does Glassbox use WebSockets?)");
    }

    @Test
    void aQuestionThatOnlyAsksForAPropertyFollowsUpOnThePreviousSubject() {
        assertThat(StandaloneQuery.of("After how long?", after("Does the server close idle WebSockets?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("After how long does the server close idle WebSockets? (Does the "
                        + "server close idle WebSockets?)", true, List.of(),
                        "After how long does the server close idle WebSockets?"));
        assertThat(StandaloneQuery.of("What are the numbers?", after("What stops a flood of questions?")).query())
                .isEqualTo("What are the numbers? (What stops a flood of questions?)");
        assertThat(StandaloneQuery.of("Which port?", after("How do I start the server?")).followUp()).isTrue();
        assertThat(StandaloneQuery.of("How long is too long?", after("What if a question is too long?")).followUp())
                .isTrue();
        assertThat(StandaloneQuery.of("How long do running answers get then?", after("What does the server do when "
                + "it is stopped?")).followUp()).as("\"then\" points back").isTrue();
        assertThat(StandaloneQuery.of("What does the price table hold?", after("Which model is the default?"))
                .followUp()).as("a subject of its own").isFalse();
    }

    @Test
    void theVisitorsIIsNotWhatAPreviousQuestionNamed() {
        List<ConversationTurn> server = List.of(new ConversationTurn("Can I use my own model server with Glassbox?",
                "The openai backend works with a local model server such as Ollama. [1]"));
        assertThat(StandaloneQuery.of("Which settings does it need?", server).query())
                .isEqualTo("Which settings does it need? (Can I use my own model server with Glassbox? Ollama)");
    }

    @Test
    void aPlaceWhereGlassboxRunsTakesThePlaceOfTheOther() {
        assertThat(StandaloneQuery.of("And in the cloud?", after("How long can a local answer run?")).query())
                .isEqualTo("How long can a cloud answer run?");
        assertThat(StandaloneQuery.of("And on the cloud path?", after("How long can an answer run on the local server?"))
                .query()).isEqualTo("How long can an answer run on the cloud path?");
        assertThat(StandaloneQuery.of("And on my own machine?", after("Which metrics do the Lambda functions write?"))
                .query()).as("a place named by a noun takes a noun").isEqualTo("Which metrics do the local server write?");
        assertThat(StandaloneQuery.of("And the Lambda functions?", after("Which backend does the local server use?"))
                .query()).isEqualTo("Which backend does the Lambda functions use?");
        assertThat(StandaloneQuery.of("And on AWS?", after("How do I run it on my laptop?")).query())
                .as("Glassbox is deployed to the cloud").isEqualTo("How do I deploy it on AWS?");
    }

    @Test
    void theOtherPlaceReplacesThePlaceOfThePreviousQuestionAndItsVerb() {
        assertThat(StandaloneQuery.of("And on my own machine instead?", after("How do I deploy Glassbox to AWS?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("How do I run Glassbox on my own machine?", true));
        assertThat(StandaloneQuery.of("What about in the cloud then?", after("How do I run Glassbox on my laptop?")))
                .as("a closing \"then\" marks the contrast, it points at nothing")
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("How do I deploy Glassbox in the cloud?", true));
        assertThat(StandaloneQuery.of("and how do I run it on my own computer instead?",
                after("What does the deploy workflow do?")))
                .as("a question of its own about the other place carries nothing of the previous one")
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("how do I run it on my own computer?", true));
        assertThat(StandaloneQuery.of("and on my own machine instead?", after("How do I deploy it?")).query())
                .as("a question that named no place is asked of this one").isEqualTo("How do I run it on my own machine?");
        assertThat(StandaloneQuery.of("And if I run it on my own machine?", after("What does the cloud deployment "
                + "cost?")).query()).as("no question of its own: it still asks the previous one")
                .isEqualTo("if I run it on my own machine? (What does the local deployment cost?)");
        assertThat(StandaloneQuery.of("what about running it locally instead?", after("How do I deploy Glassbox to "
                + "AWS?")).query()).as("the previous question, with the place swapped, stays beside it")
                .isEqualTo("what about running it locally? (How do I run Glassbox locally?)");
    }

    @Test
    void whichOneChoosesAmongWhatThePreviousQuestionAskedToList() {
        List<ConversationTurn> backends = List.of(new ConversationTurn("Which backends do the cloud functions accept?",
                "The Bedrock Agent backend calls InvokeAgent. [1]"));
        assertThat(StandaloneQuery.of("which one is the default?", backends).query())
                .as("the options' subject, not the names the answer listed first")
                .isEqualTo("which backend is the default? (Which backends do the cloud functions accept?)");
        assertThat(StandaloneQuery.of("Which is used by default?", after("Which models can the cloud use?")).query())
                .isEqualTo("which model is used by default? (Which models can the cloud use?)");
    }

    @Test
    void aChoiceAmongWhatThePreviousQuestionOnlyAskedToListNeedsNothingBesideIt() {
        assertThat(StandaloneQuery.of("which one is the default?", after("What backends are there?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("which backend is the default?", true, List.of("backend"),
                        "which one is the default?"));
        assertThat(StandaloneQuery.of("Which is cheapest?", after("Which models are available?")).query())
                .isEqualTo("which model is cheapest?");
        assertThat(StandaloneQuery.of("which of them is the default?", after("Which backends can I choose?")).query())
                .isEqualTo("which backend is the default?");
    }

    @Test
    void theSameQuestionOfAnotherThingIsNoFollowUp() {
        assertThat(StandaloneQuery.of("What is the default port?", after("What is the default backend?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("What is the default port?", false));
        assertThat(StandaloneQuery.of("How many WebSockets may one address open?",
                after("How many questions can one connection ask?")).followUp())
                .as("\"one\" before a noun counts, it does not point back").isFalse();
    }

    @Test
    void theUnitAnAmountIsAskedInIsNotWhatItIsAbout() {
        List<ConversationTurn> model = List.of(new ConversationTurn("Which model writes the answers in the cloud?",
                "In the cloud, the model that writes the answers is Amazon Nova Lite by default. [1]"));
        assertThat(StandaloneQuery.of("how much does it cost per token?", model))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("how much does it cost per token? (Which model writes the answers in "
                        + "the cloud? Amazon Nova Lite)", true, List.of("Amazon Nova Lite"),
                        "how much does it cost per token?"));
        assertThat(StandaloneQuery.of("what does it charge per million output tokens?", model).query())
                .isEqualTo("what does it charge per million output tokens? (Which model writes the answers in the "
                        + "cloud? Amazon Nova Lite)");
    }

    @Test
    void aGreetingGivesAFollowUpNothingToLeanOn() {
        List<ConversationTurn> greeted = List.of(new ConversationTurn("Hi there!", "Hello! I am the Glassbox agent."));
        assertThat(StandaloneQuery.of("How much does it cost?", greeted))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("How much does it cost?", false));
        List<ConversationTurn> thenAsked = List.of(new ConversationTurn("Hello", "Hello! I am the Glassbox agent."),
                new ConversationTurn("Which model does the cloud use?", "Amazon Nova Lite by default. [1]"));
        assertThat(StandaloneQuery.of("How much does it cost?", thenAsked).query())
                .isEqualTo("How much does it cost? (Which model does the cloud use? Nova Lite)");
    }

    @Test
    void aPointerIsWrittenOutAsThePreviousQuestionsSubject() {
        assertThat(StandaloneQuery.of("where is it set?", after("What is the daily budget?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("where is the daily budget set? (What is the daily budget?)", true,
                        List.of("daily budget"), "where is the daily budget set?"));
        assertThat(StandaloneQuery.of("where is that set?", after("How much memory does the server need?")).query())
                .as("what a how-much question measures").startsWith("where is the memory the server needs set?");
        assertThat(StandaloneQuery.of("where do I set it?", after("How long does the local agent pause between words?"))
                .query()).startsWith("where do I set the time the local agent pauses?");
        assertThat(StandaloneQuery.of("where is it set?", after("What port does the server listen on?")).query())
                .startsWith("where is the port the server listens on set?");
        assertThat(StandaloneQuery.of("where is that set?", after("How long does the local server keep finished "
                + "answers?")).query()).as("a do-question's verb and its object")
                .startsWith("where is the time the local server keeps finished answers set?");
        assertThat(StandaloneQuery.of("Can I change that folder?", after("What is GLASSBOX_CACHE_DIR?")).query())
                .as("'that' before a noun stands for nothing").startsWith("Can I change that folder?");
        assertThat(StandaloneQuery.of("why is that?", after("What is the daily budget?")).query())
                .as("a why-question asks for the reason behind the question").startsWith("why is that?");
    }

    @Test
    void aBareAmountAsksThePreviousQuestionAgainWithItsVerb() {
        assertThat(StandaloneQuery.of("how long?", after("How many turns are kept per conversation?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("how long are turns kept per conversation? (How many turns are kept per "
                        + "conversation?)", true, List.of(), "how long are turns kept per conversation?"));
        assertThat(StandaloneQuery.of("and for how long?", after("How many conversations does the local server keep?"))
                .asked()).isEqualTo("for how long does the local server keep conversations?");
        assertThat(StandaloneQuery.of("How long?", after("Does Glassbox remember earlier questions?")).asked())
                .isEqualTo("How long does Glassbox remember earlier questions?");
        assertThat(StandaloneQuery.of("Why?", after("How many turns are kept per conversation?")).asked())
                .as("a reason is no amount").isEqualTo("Why?");
    }

    @Test
    void thatAfterAHowToQuestionIsDoingIt() {
        assertThat(StandaloneQuery.of("how long does that take?", after("How do I run the tests?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("how long does it take to run the tests? (How do I run the tests?)",
                        true, List.of("run the tests"), "how long does it take to run the tests?"));
        List<ConversationTurn> deploy = List.of(new ConversationTurn("How do I deploy Glassbox?",
                "The GitHub repository needs AWS_REGION and AWS_DEPLOY_ROLE_ARN. [1]"));
        assertThat(StandaloneQuery.of("which port does it use?", after("How do I start the server?")).query())
                .as("'it' that uses something is a thing, not the deed").startsWith("which port does it use? (");
        assertThat(StandaloneQuery.of("how much does that cost?", deploy).query())
                .as("the deed, not the names its answer gave")
                .isEqualTo("how much does it cost to deploy Glassbox? (How do I deploy Glassbox?)");
    }

    @Test
    void aFollowUpOfOnlyAPlaceAsksThePreviousQuestionThere() {
        assertThat(StandaloneQuery.of("in the cloud too?", after("How long are conversation turns kept?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("How long are conversation turns kept in the cloud?", true));
        assertThat(StandaloneQuery.of("Locally?", after("How long can an answer run in the cloud?")).query())
                .isEqualTo("How long can an answer run locally?");
        assertThat(StandaloneQuery.of("and locally?", after("Which embedding model does the cloud use?")).query())
                .as("a place named as a noun takes a noun")
                .isEqualTo("Which embedding model does the local server use?");
        assertThat(StandaloneQuery.of("and on Lambda?", after("What does one answer cost locally?")).query())
                .isEqualTo("What does one answer cost on Lambda?");
    }

    @Test
    void aFollowUpToAFollowUpWritesOutWhatThatFollowUpAskedAbout() {
        assertThat(StandaloneQuery.of("how do I change it?", after("What is the daily budget?", "where is it set?"))
                .query()).as("the context is the previous question as it stands alone, not a context within a context")
                .isEqualTo("how do I change the daily budget? (where is the daily budget set?)");
        List<ConversationTurn> priced = List.of(new ConversationTurn("Which model writes the answers in the cloud?",
                "Amazon Nova Lite by default. [1]"), new ConversationTurn("how much does it cost?", "About $0.0012. [1]"));
        assertThat(StandaloneQuery.of("and locally?", priced).query()).as("a place asks both questions there")
                .isEqualTo("how much does it cost locally? (Which model writes the answers locally?)");
        assertThat(StandaloneQuery.of("and sentences?", after("How are passages ranked?")).query())
                .as("what is done to the thing is no thing").isEqualTo("How are sentences ranked?");
    }

    @Test
    void sameForAndAStandInNameTheThingAskedAboutInstead() {
        assertThat(StandaloneQuery.of("same for the Lambda jar?", after("How big is the server jar?")).query())
                .isEqualTo("How big is the Lambda jar?");
        assertThat(StandaloneQuery.of("and the Lambda one?", after("How big is the server jar?")).query())
                .isEqualTo("How big is the Lambda jar?");
        assertThat(StandaloneQuery.of("and the server's?", after("How big is the Lambda jar?")).query())
                .isEqualTo("How big is the server jar?");
        assertThat(StandaloneQuery.of("and later ones?", after("How long does the first start take?")).query())
                .isEqualTo("How long do later starts take?");
    }

    @Test
    void aPlaceAndAThingAreNeverSwappedForEachOther() {
        assertThat(StandaloneQuery.of("What about per connection?", after("How many questions may one IP address "
                + "send in the cloud?")).query()).isEqualTo("How many questions may one connection send in the cloud?");
        assertThat(StandaloneQuery.of("And for the Lambda functions?", after("Which Java version do I need?")).query())
                .as("the place is added to a question that named none").isEqualTo("Which Java version do I need for "
                        + "the Lambda functions?");
    }

    @Test
    void theFollowUpsOwnSmallWordsTakeThePlaceOfThoseBeforeWhatItReplaces() {
        assertThat(StandaloneQuery.of("And with Claude Sonnet 4?", after("How much does it cost to run on AWS with "
                + "Nova Lite?")).query()).as("a thing replaces a thing, not the place")
                .isEqualTo("How much does it cost to run on AWS with Claude Sonnet 4?");
        assertThat(StandaloneQuery.of("And for the stream worker?", after("How much memory is set for the route "
                + "handler?")).query()).isEqualTo("How much memory is set for the stream worker?");
        assertThat(StandaloneQuery.of("and on the stream worker?", after("Which timeout applies to the route "
                + "handler?")).query()).isEqualTo("Which timeout applies on the stream worker?");
        assertThat(StandaloneQuery.of("What about with the embeddings?", after("What happens with the passages?"))
                .query()).isEqualTo("What happens with the embeddings?");
    }

    @Test
    void aFollowUpAskedBesideThePreviousQuestionAsksWhatItsOwnWordsAsk() {
        assertThat(StandaloneQuery.of("Why?", after("How many questions may a connection send?")).asked())
                .isEqualTo("Why?");
        assertThat(StandaloneQuery.of("And how?", after("How much does the cloud cost per month?")).asked())
                .isEqualTo("how?");
        assertThat(StandaloneQuery.of("When?", after("How long may an answer run?")).asked()).isEqualTo("When?");
        assertThat(StandaloneQuery.of("which one is the default?", after("Which backends can I choose?")).asked())
                .isEqualTo("which one is the default?");
        assertThat(StandaloneQuery.of("and the cost?", after("How do I deploy it?")))
                .as("a property asked of a thing is asked beside the question, not swapped into it")
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("the cost? (How do I deploy it?)", true, List.of(), "the cost?"));
    }

    @Test
    void aFollowUpAskedAsThePreviousQuestionOfSomethingElseAsksWhatItAsked() {
        assertThat(StandaloneQuery.of("And with Claude Sonnet 4?", after("How much does an answer cost with Nova "
                + "Lite?")).asked()).isEqualTo("How much does an answer cost with Claude Sonnet 4?");
        assertThat(StandaloneQuery.of("What about in the cloud?", after("How long can a local answer run?")).asked())
                .isEqualTo("How long can a cloud answer run?");
        assertThat(StandaloneQuery.of("And the timeout?", after("What is the default port?")).query())
                .as("a property takes the place of a property").isEqualTo("What is the default timeout?");
    }

    @Test
    void theThirdTurnResolvesAgainstTheSecond() {
        assertThat(StandaloneQuery.of("why?", after("How much does an answer cost with Nova Lite?",
                "And with Claude Sonnet 4?")).query())
                .isEqualTo("why? (How much does an answer cost with Claude Sonnet 4?)");
        assertThat(StandaloneQuery.of("And in the cloud?", after("What does Glassbox cost?",
                "How long can a local answer run?")).query())
                .as("a new question in turn 2 is what turn 3 follows").isEqualTo("How long can a cloud answer run?");
        assertThat(StandaloneQuery.of("which one is the default?", after("How do I run it locally?",
                "Which backends do the cloud functions accept?")).query())
                .isEqualTo("which backend is the default? (Which backends do the cloud functions accept?)");
    }

    @Test
    void anotherDeedIsAskedAsThePreviousQuestionWithItsVerbSwapped() {
        assertThat(StandaloneQuery.of("ok and to stop it?", after("What's the command to start it on my machine?"))
                .query()).as("an acknowledgement says nothing").isEqualTo("What's the command to stop it on my machine?");
        assertThat(StandaloneQuery.of("and to stop it?", after("How do I start the server on my own machine?"))
                .query()).as("'it' is what the previous deed was done to")
                .isEqualTo("How do I stop the server on my own machine?");
        assertThat(StandaloneQuery.of("Alright, what about to test the client?", after("How can I build the server?"))
                .query()).isEqualTo("How can I test the client?");
        assertThat(StandaloneQuery.of("and to the cloud?", after("How do I deploy it?")).query())
                .as("a place is no deed").isEqualTo("How do I deploy it to the cloud?");
    }

    @Test
    void whatASwapWritesInTheDocsWordsIsWhatTheVisitorMeans() {
        assertThat(StandaloneQuery.of("and on AWS?", after("How does the local server stop an answer that runs too "
                + "long?"))).usingRecursiveComparison().ignoringFields("previous")
                        .isEqualTo(new StandaloneQuery("How does the cloud path stop an answer that runs too long?",
                        true, List.of("cloud path")));
        assertThat(StandaloneQuery.of("And in the cloud?", after("How long can a local answer run?")).meant())
                .as("the visitor's own words need no stand-in").isEmpty();
    }

    @Test
    void theCloudTakesThePlaceOfTheLocalServerInTheVisitorsWord() {
        assertThat(StandaloneQuery.of("and in the cloud?", after("Where does the local server store visitor feedback?"))
                .query()).as("\"cloud path\" adds a word the visitor did not say")
                .isEqualTo("Where does the cloud store visitor feedback?");
    }

    @Test
    void aThirdTurnKeepsWhatTheFragmentBeforeItWasAskedOf() {
        assertThat(StandaloneQuery.of("and for how long?", after("Does Glassbox remember earlier questions in a "
                + "conversation?", "how many turns?")).query()).isEqualTo("for how long does Glassbox remember earlier "
                + "questions in a conversation? (how many turns?)");
    }

    @Test
    void aUnitTakesThePlaceOfTheUnitAskedInAndIsNeverWhatIsPriced() {
        assertThat(StandaloneQuery.of("and per month?", after("How much does an answer cost with Nova Lite?")).query())
                .as("a period is added to what is priced").isEqualTo("How much does an answer cost with Nova Lite per "
                        + "month?");
        assertThat(StandaloneQuery.of("and per answer?", after("What does an idle month cost in the cloud?")).query())
                .isEqualTo("What does an answer cost in the cloud?");
        assertThat(StandaloneQuery.of("what about per million output tokens?", after("What does Nova Lite cost per "
                + "million input tokens?")).query()).isEqualTo("What does Nova Lite cost per million output tokens?");
        assertThat(StandaloneQuery.of("and per month?", after("How much does the cloud stack cost?")).query())
                .isEqualTo("How much does the cloud stack cost per month?");
    }

    @Test
    void aThingDescribedByWhatItDoesTakesThePlaceOfThePreviousOne() {
        assertThat(StandaloneQuery.of("And the address it listens on?", after("How do I change the port?")).query())
                .isEqualTo("How do I change the address it listens on?");
    }

    @Test
    void unitsTimesAndFilesOfThePreviousAnswerAreNotWhatAFollowUpPointsAt() {
        List<ConversationTurn> started = List.of(new ConversationTurn("What does the first start cost?",
                "The first start takes about 11 CPU-seconds until midnight UTC with glassbox-server.jar and "
                        + "http://localhost:8080 on Amazon Nova Lite [1]."));
        assertThat(StandaloneQuery.of("how big is it?", started).meant()).containsExactly("Amazon Nova Lite");
    }

    @Test
    void itAfterAYesOrNoQuestionIsTheThingItAskedAbout() {
        assertThat(StandaloneQuery.of("what does it block?", after("does the AWS version have some kind of content "
                + "filter?")).query()).isEqualTo("what does the content filter of the AWS version block? (does the AWS "
                + "version have some kind of content filter?)");
        List<ConversationTurn> image = List.of(new ConversationTurn("is there a container image?",
                "A container image of the server can be built with Jib. [1]"));
        assertThat(StandaloneQuery.of("does it run as root?", image).query()).as("not the name the answer gave")
                .isEqualTo("does the container image run as root? (is there a container image?)");
        assertThat(StandaloneQuery.of("Does it cost anything?", after("Is there an AWS Budgets alert?")).query())
                .as("a thing with a name of its own is searched by that name").isEqualTo("Does it cost anything? (Is "
                        + "there an AWS Budgets alert?)");
    }

    @Test
    void aFollowUpOfAFollowUpLeansOnThePreviousQuestionNotOnAContextWithinAContext() {
        List<ConversationTurn> image = List.of(new ConversationTurn("is there a container image?", "Yes, with Jib. [1]"),
                new ConversationTurn("does it run as root?", "It runs as a non-root user. [1]"));
        assertThat(StandaloneQuery.of("how do I start it?", image).query())
                .isEqualTo("how do I start the container image? (does the container image run as root?)");
        assertThat(StandaloneQuery.of("how do I change it?", after("How do I run Glassbox locally?", "which port does "
                + "it use?")).query()).as("a previous question that still leans on its own brings that one, once")
                .isEqualTo("how do I change the port? (which port does it use? how do I run Glassbox locally?)");
    }

    @Test
    void thePartOfGlassboxAFollowUpNamesIsWhereThePreviousQuestionIsAsked() {
        assertThat(StandaloneQuery.of("and on the local api gateway?", after("what happens if someone sends a message "
                + "that's too big?")).query())
                .isEqualTo("what happens if someone sends a message that's too big on the local api gateway?");
        assertThat(StandaloneQuery.of("what about the route handler?", after("what's the timeout of the stream "
                + "worker?")).query()).isEqualTo("what's the timeout of the route handler?");
        assertThat(StandaloneQuery.of("what about the lambdas?", after("what JDK do I need to build it?")).query())
                .as("the kind asked for is kept, the thing it is asked of swapped")
                .isEqualTo("what JDK do the lambdas need?");
    }

    @Test
    void theNextOnesAfterTheFirstAreTheLaterOnes() {
        assertThat(StandaloneQuery.of("and the next ones?", after("how long does the first start take?")).query())
                .isEqualTo("how long do later starts take?");
        assertThat(StandaloneQuery.of("what about subsequent ones?", after("How long is the very first startup of "
                + "the server?")).query()).isEqualTo("How long are later startups of the server?");
        assertThat(StandaloneQuery.of("and the ones after that?", after("how many CPU-seconds does the very first "
                + "start take?")).query()).isEqualTo("how many CPU-seconds do later starts take?");
        assertThat(StandaloneQuery.of("and the next one?", after("how long does it take to start the first time?"))
                .query()).isEqualTo("how long does it take to start a later time?");
    }

    @Test
    void smallWordsOfEverydayFollowUps() {
        assertThat(StandaloneQuery.of("same on the gateway?", after("what happens when a client stops reading?"))
                .query()).isEqualTo("what happens when a client stops reading on the gateway?");
        assertThat(StandaloneQuery.of("what happens when it's reached?", after("is there a spending limit in the "
                + "cloud?")).query()).isEqualTo("what happens when the spending limit is reached? (is there a spending "
                        + "limit in the cloud?)");
        assertThat(StandaloneQuery.of("and to run it?", after("what JDK do I need to build it?")).query())
                .as("needing is no deed").isEqualTo("what JDK do I need to run it?");
        assertThat(StandaloneQuery.of("where is it?", after("is there a cache for embeddings?")).query())
                .isEqualTo("where is the cache for embeddings? (is there a cache for embeddings?)");
        assertThat(StandaloneQuery.of("what does it do?", after("do the lambdas use snapstart?")).query())
                .as("\"it\" is not the lambdas but what they use")
                .isEqualTo("what does the snapstart do? (do the lambdas use snapstart?)");
        assertThat(StandaloneQuery.of("and the later ones?", after("how big was the first lambda jar?")).query())
                .isEqualTo("how big were later lambda jars?");
        assertThat(StandaloneQuery.of("and the worker?", after("how much memory does the route handler get?")).query())
                .as("a part for a part, not 'route worker'").isEqualTo("how much memory does the worker get?");
        assertThat(StandaloneQuery.of("how long are they kept?", after("do the lambda functions write some kind of "
                + "logs?")).query()).as("they may be the logs").isEqualTo("how long are they kept? (do the lambda "
                        + "functions write some kind of logs?)");
        assertThat(StandaloneQuery.of("how big is it?", after("What does Glassbox use for embeddings?")).query())
                .as("not Glassbox").isEqualTo("how big is it? (What does Glassbox use for embeddings?)");
    }

    @Test
    void onlyAQuestionWordAndWhatItAsksForIsAFollowUp() {
        assertThat(StandaloneQuery.of("on which architecture?", after("Which Lambda runtime do the functions use?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("on which architecture? (Which Lambda runtime do the functions use?)",
                        true, List.of(), "on which architecture?"));
        assertThat(StandaloneQuery.of("after how much unsent data?", after("What happens to a browser that stops "
                + "reading?")).followUp()).isTrue();
        assertThat(StandaloneQuery.of("Which region?", after("Where is the cloud stack deployed?")).followUp())
                .isTrue();
        assertThat(StandaloneQuery.of("What is SnapStart?", after("Which Lambda runtime do the functions use?"))
                .followUp()).as("a verb asks of a subject of its own").isFalse();
        assertThat(StandaloneQuery.of("Which workflow deploys Glassbox?", after("How much memory does the server "
                + "need?")).followUp()).isFalse();
    }

    @Test
    void mineOtherAndBothLeanOnWhatWasJustSaid() {
        assertThat(StandaloneQuery.of("what happens if mine is longer?", after("How long may a question be?")).query())
                .isEqualTo("what happens if mine is longer? (How long may a question be?)");
        assertThat(StandaloneQuery.of("what status do other names get?", after("How does Glassbox stop DNS "
                + "rebinding?")).followUp()).isTrue();
        assertThat(StandaloneQuery.of("Do both run on arm64?", after("Which Lambda functions are there?"))
                .followUp()).isTrue();
    }

    @Test
    void aPhraseTakesThePlaceOfThePhraseThatNamedThePreviousQuestionsOneName() {
        List<ConversationTurn> declined = declined("Can Glassbox text me on WhatsApp when the bill grows?");
        assertThat(StandaloneQuery.of("what about by e-mail?", declined).query())
                .isEqualTo("Can Glassbox text me by e-mail when the bill grows?");
        assertThat(StandaloneQuery.of("and with Slack?", declined).query())
                .isEqualTo("Can Glassbox text me with Slack when the bill grows?");
    }

    @Test
    void aFollowUpThatAsksOnlyForAPropertyMayHearWhatWasSaid() {
        assertThat(StandaloneQuery.asksOnlyForAProperty("is that the default?")).isTrue();
        assertThat(StandaloneQuery.asksOnlyForAProperty("on which architecture?")).isTrue();
        assertThat(StandaloneQuery.asksOnlyForAProperty("ok, how much memory does it get?")).isTrue();
        assertThat(StandaloneQuery.asksOnlyForAProperty("Tell me more")).isFalse();
        assertThat(StandaloneQuery.asksOnlyForAProperty("Why?")).isFalse();
        assertThat(StandaloneQuery.asksOnlyForAProperty("what happens with a third one?")).isFalse();
        assertThat(StandaloneQuery.asksOnlyForAProperty("How long can it run?")).isFalse();
    }

    @Test
    void whatAQuestionAskedOfItAskedForIsWhatALaterItMeans() {
        assertThat(StandaloneQuery.of("can I change it?", after("What port does it run on?")).query())
                .as("the first question's \"it\" is Glassbox; the port is what it asked about")
                .isEqualTo("can I change the port? (What port does it run on?)");
    }

    @Test
    void aCorrectionNamesTheThingMeantInstead() {
        assertThat(StandaloneQuery.of("no, the local API Gateway", after("What port does the server listen on?"))
                .query()).isEqualTo("What port does the local API Gateway listen on?");
        assertThat(StandaloneQuery.of("No API key needed?", after("What port does the server listen on?"))
                .followUp()).as("no correction without its comma").isFalse();
    }

    @Test
    void thePlaceAFollowUpNamesTakesThePlaceOfAPlatformTheDeclinedQuestionNamed() {
        List<ConversationTurn> declined = declined("Can I run Glassbox on Heroku?");
        assertThat(StandaloneQuery.of("what about on my own laptop?", declined).query())
                .isEqualTo("Can I run Glassbox on my own laptop?");
        assertThat(StandaloneQuery.of("and in the cloud?", declined).query())
                .isEqualTo("Can I deploy Glassbox in the cloud?");
    }

    @Test
    void aThingTakesTheThingsPlaceNotTheUnitsOne() {
        assertThat(StandaloneQuery.of("and the model itself?", after("What does the guardrail cost per answer?"))
                .query()).isEqualTo("What does the model itself cost per answer?");
    }

    @Test
    void thatAndANounThePreviousQuestionDidNotUseIsWhatItsAnswerNamed() {
        List<ConversationTurn> alert = List.of(new ConversationTurn("is there an e-mail alert?", "An AWS Budgets "
                + "monthly budget and the alarms send e-mail alerts only when GLASSBOX_ALERT_EMAIL names an address. [1]"));
        assertThat(StandaloneQuery.of("what does that budget cost?", alert).meant())
                .isEqualTo(List.of("AWS Budgets", "GLASSBOX_ALERT_EMAIL"));
    }

    @Test
    void aVerbTheAnswerDidNotUseStillAsksItOfThePreviousQuestionsThing() {
        List<ConversationTurn> image = List.of(new ConversationTurn("Is there a container image of Glassbox?", "The "
                + "image's base comes from Docker Hub; ci.yml builds the image on GitHub Actions. [1] A container image "
                + "of the server can be built with ./mvnw -B -Pimage -DskipTests -pl server -am package. [1]"));
        StandaloneQuery build = StandaloneQuery.of("how do I build it?", image);
        assertThat(build.query()).startsWith("how do I build the container image of Glassbox?");
        assertThat(build.meant()).doesNotContain("Docker Hub", "GitHub Actions");
    }

    @Test
    void aComparisonAsksThePreviousQuestionOfAnotherThing() {
        assertThat(StandaloneQuery.of("compared with the bare writer?", after("How much heap does an idle WebSocket "
                + "cost?")).query()).isEqualTo("compared with the bare writer? (How much heap does an idle WebSocket "
                        + "cost?)");
    }

    /** The query a follow-up is searched as after one question, whose answer quoted something. */
    private static String rewritten(String followUp, String previous) {
        return StandaloneQuery.of(followUp, after(previous)).query();
    }

    /** Each row: the follow-up, the previous question, and what the follow-up is searched as. */
    private static void assertRewrites(List<List<String>> rewrites) {
        for (List<String> rewrite : rewrites) {
            assertThat(rewritten(rewrite.get(0), rewrite.get(1))).as(rewrite.get(0)).isEqualTo(rewrite.get(2));
        }
    }

    @Test
    void aPhraseThatMakesNoQuestionAloneAsksThePreviousQuestionOfWhatItNames() {
        assertThat(StandaloneQuery.of("Claude Sonnet 4", after("What does one answer cost with Nova Lite?")))
                .usingRecursiveComparison().ignoringFields("previous")
                .isEqualTo(new StandaloneQuery("What does one answer cost with Claude Sonnet 4?", true));
        // The follow-up, the previous question, what the follow-up is searched as: a circumstance no word of the
        // question names is added, one with the same preposition replaced; a thing of the same kind, one counted one
        // at a time, a name with the words it is said with and a part each take the place of their like.
        List<List<String>> rewrites = List.of(
                List.of("on Windows", "How do I build and run it locally?", "How do I build and run it locally on Windows?"),
                List.of("with claude sonnet 4?", "what does an answer cost with nova lite?", "what does an answer cost with claude sonnet 4?"),
                List.of("output tokens?", "What does Nova Pro cost per million input tokens?", "What does Nova Pro cost per million output tokens?"),
                List.of("later starts", "How long does the first start take?", "How long does the later starts take?"),
                List.of("one connection?", "How much feedback may one client address send?", "How much feedback may one connection send?"),
                List.of("HTTP connections?", "How many WebSockets may one address hold?", "How many HTTP connections may one address hold?"),
                List.of("on the local API Gateway", "What happens to a WebSocket opened beyond 32 on the local server?", "What happens to a WebSocket opened beyond 32 on the local API Gateway?"),
                List.of("the AWS SDK", "Which Vert.x version does Glassbox build with?", "Which AWS SDK version does Glassbox build with?"));
        assertRewrites(rewrites);
        StandaloneQuery guardrail = StandaloneQuery.of("the guardrail", after("What does the model cost per answer?"));
        assertThat(guardrail.followUp()).isTrue();
        assertThat(guardrail.query()).as("a thing of another kind is asked beside the question, not in place of "
                + "its last word").isEqualTo("the guardrail (What does the model cost per answer?)");
    }

    @Test
    void aShortQuestionOrOrderOfItsOwnStaysNew() {
        for (String question : List.of("what is BM25?", "how do I deploy", "explain BM25", "No API key needed?",
                "thanks, great", "Glassbox?")) {
            assertThat(rewritten(question, "What does one answer cost with Nova Lite?")).as(question)
                    .doesNotContain("Nova Lite");
        }
        assertThat(StandaloneQuery.of("pricing?", List.of()).followUp()).isFalse();
    }

    @Test
    void anAmountAfterAQuestionWhetherThereIsAThingAsksTheAmountOfIt() {
        assertThat(rewritten("how much?", "Is there a daily spending limit?"))
                .startsWith("how much is the daily spending limit?");
        assertThat(rewritten("how many?", "Are there any rate limits?")).startsWith("how many rate limits are there?");
    }

    @Test
    void afterAQuestionWhetherAThingIsSoItsItIsThatThing() {
        List<ConversationTurn> stack = List.of(new ConversationTurn("Is the cloud stack deployed yet?", "Not yet: it "
                + "stores its vectors in Amazon S3 Vectors instead of Amazon OpenSearch Serverless. [1]"));
        StandaloneQuery deploy = StandaloneQuery.of("so how would I deploy it then?", stack);
        assertThat(deploy.query()).startsWith("how would I deploy the cloud stack?");
        assertThat(deploy.meant()).doesNotContain("Amazon S3 Vectors");
    }

    @Test
    void whatIsNewInAFollowUpIsAskedOfThePreviousQuestionsSubject() {
        // The follow-up, the previous question, what the follow-up is searched as: a question that names only what the
        // previous one named, a property or a setting is asked beside it, a property of its subject written out; a
        // state replaces a state ("idle", "warm"); a unit asked of "that" amount replaces the unit, and nothing is idle
        // while it answers.
        List<List<String>> rewrites = List.of(
                List.of("How many are kept?", "How long are conversation turns kept?",
                        "How many are kept? (How long are conversation turns kept?)"),
                List.of("Is the wait configurable?", "How long does a stopping server wait?",
                        "Is the wait configurable? (How long does a stopping server wait?)"),
                List.of("Can I raise the cap?", "How many WebSockets may one client address hold?",
                        "Can I raise the cap? (How many WebSockets may one client address hold?)"),
                List.of("Can I change the port?", "What port does the local API Gateway listen on?",
                        "Can I change the port the local API Gateway listens on? (What port does the local API Gateway "
                                + "listen on?)"),
                List.of("under load?", "How much memory does an idle server use?",
                        "How much memory does a server use under load?"),
                List.of("with an empty cache?", "How long does a warm start of the server take?",
                        "How long does a start of the server take with an empty cache?"),
                List.of("on Windows", "How long does a warm start of the server take?",
                        "How long does a warm start of the server take on Windows?"),
                List.of("and what does that come to per answer?", "What does Claude Sonnet 4 cost per million output "
                        + "tokens?", "What does Claude Sonnet 4 cost per answer?"),
                List.of("what is that per answer?", "How much does the guardrail charge per 1,000 text units?",
                        "How much does the guardrail charge per answer?"),
                List.of("and per answer?", "What does the cloud stack cost per month while idle?",
                        "What does the cloud stack cost per answer?"));
        assertRewrites(rewrites);
        for (String question : List.of("How do I stop the server?", "How big is the model file?")) {
            assertThat(StandaloneQuery.of(question, after("How long does a stopping server wait for the jar?"))
                    .followUp()).as(question).isFalse();
        }
        assertThat(rewritten("how much does it add per answer?", "Does the cloud version use a Bedrock guardrail?"))
                .as("after a question that asked for no amount, \"it\" is the thing, not an amount")
                .doesNotStartWith("Does the cloud version use a Bedrock guardrail per answer");
    }

    @Test
    void aParticipleThatOpensAPhraseAsksThePreviousQuestionUnderItsCircumstance() {
        StandaloneQuery linux = StandaloneQuery.of("built for Linux x86-64 only?", after("How big is the server jar?"));
        assertThat(linux.followUp()).isTrue();
        assertThat(linux.query()).isEqualTo("How big is the server jar built for Linux x86-64 only?");
        assertThat(rewritten("running on Lambda?", "How long may an answer run on the local server?"))
                .as("a place in the phrase takes the place of the previous one").contains("Lambda")
                .doesNotContain("local server").doesNotContain("(");
    }

    @Test
    void aFollowUpKnowsThePreviousQuestionItLeansOn() {
        String before = "How much memory does an idle server use?";
        assertThat(StandaloneQuery.of("under load?", after(before)).previous()).isEqualTo(before);
        assertThat(StandaloneQuery.of("What is BM25?", after(before)).previous()).isEmpty();
        assertThat(StandaloneQuery.of(before, List.of()).previous()).isEmpty();
    }

    @Test
    void aQuestionOfOneThingNamedWithTheMayLeanOnThePreviousQuestionWhenItFindsNothingAlone() {
        String before = "Does verify measure unit-test coverage?";
        StandaloneQuery report = StandaloneQuery.of("where is the report?", after(before));
        assertThat(report.followUp()).isFalse();
        assertThat(report.query()).isEqualTo("where is the report?");
        assertThat(report.besideThePrevious().query()).isEqualTo("where is the report? (" + before + ")");
        assertThat(report.besideThePrevious().besideThePrevious()).isNull();
        assertThat(StandaloneQuery.of("where is the report?", declined(before)).besideThePrevious())
                .as("a declined question gives it nothing to lean on").isNull();
        assertThat(StandaloneQuery.of("where is the Jib image?", after(before)).besideThePrevious())
                .as("one thing only").isNull();
    }
}

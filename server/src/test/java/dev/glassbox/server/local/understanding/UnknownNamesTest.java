package dev.glassbox.server.local.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which words of a question over the repository's knowledge are names the docs never mention, and which questions
 * are about the world rather than Glassbox ({@link WorldQuestions}).
 */
class UnknownNamesTest {
    @AutoClose
    private static RepositoryKnowledge knowledge;

    @BeforeAll
    static void index() {
        knowledge = RepositoryKnowledge.start();
    }

    @Test
    void aCommonWordOpeningALaterSentenceIsNoName() {
        assertThat(names("I run it on my laptop. Can I change the port it uses?")).isEmpty();
        assertThat(names("The answers arrive slowly. Could I make them faster?")).isEmpty();
        assertThat(names("Our team reads the docs. Honestly, what is the daily budget?")).isEmpty();
        // A name keeps its capital there.
        assertThat(names("We use Vercel. Can we host it there?")).containsExactly("Vercel");
        assertThat(names("I tried it yesterday. Can it run on OpenShift?")).containsExactly("OpenShift");
    }

    @Test
    void wordsEnglishMakesOfItsOwnAreNoNames() {
        assertThat(names("My coworkers want to try it. How do we run it on a laptop?")).isEmpty();
        assertThat(names("Is the first answer sluggish on a cheap computer?")).isEmpty();
        assertThat(names("Can I share answers with my coworkers?")).isEmpty();
        assertThat(names("The replies dribble out slowly. Can I speed that up?")).as("a verb after its subject")
                .isEmpty();
        assertThat(names("Our app uses kubernetes. Can Glassbox run there?")).containsExactly("kubernetes");
        assertThat(names("We host on heroku. Afterwards, can I move it?")).containsExactly("heroku");
        assertThat(names("Does it run on Cloudflare Workers?")).as("two words run together").contains("Cloudflare");
    }

    @Test
    void aQuestionReferringToNothingOfGlassboxIsAboutTheWorld() {
        for (String world : List.of("What is the capital of Canada?", "What's the best programming language?",
                "Why is the sky blue?")) {
            assertThat(WorldQuestions.aboutGlassbox(knowledge.index(), world)).as(world).isFalse();
        }
        // A word for it or the agent, "what happens", or a word of the docs' own that is no everyday word.
        for (String glassbox : List.of("Is it free?", "Can you cite a source?", "What port does the server use?",
                "What happens if a bunch of folks all ask at the same second?", "What is the price per answer?")) {
            assertThat(WorldQuestions.aboutGlassbox(knowledge.index(), glassbox)).as(glassbox).isTrue();
        }
    }

    @Test
    void aSumIsWorkedOutByNoPassageUnlessTheQuestionIsAboutGlassbox() {
        assertThat(WorldQuestions.sums(knowledge.index(), "What is 15 times 4?")).containsExactly("15 times 4");
        assertThat(WorldQuestions.sums(knowledge.index(), "what is 2+2")).containsExactly("2+2");
        assertThat(WorldQuestions.sums(knowledge.index(), "How many minutes are in a day?"))
                .containsExactly("minutes are in a day");
        assertThat(WorldQuestions.sums(knowledge.index(), "Does the server answer 5 times 3 questions at once?"))
                .isEmpty();
    }

    @Test
    void inAQuestionAboutTheWorldACapitalOrAWordTheDocsNeverUseIsWhatItAsksAbout() {
        assertThat(UnknownNames.in(knowledge.index(), "What is the capital of Canada?")).containsExactly("Canada");
        assertThat(UnknownNames.in(knowledge.index(), "Translate hello into Spanish.")).containsExactly("Spanish");
        assertThat(UnknownNames.in(knowledge.index(), "Who discovered penicillin?")).containsExactly("penicillin");
        // An acronym the docs say in other words, a verb, and a question about Glassbox keep their reading.
        for (String question : List.of("How much RAM is needed?", "Why is permessage-deflate switched off?",
                "what if someone tampered with the download?", "Can my roommate use the agent from her laptop?")) {
            assertThat(UnknownNames.in(knowledge.index(), question)).as(question).isEmpty();
        }
    }

    @Test
    void aModelsCodeIsANameUnlessTheDocsUseItsLetters() {
        assertThat(names("whats the ttft of gpt-4o?")).containsExactly("gpt-4o");
        assertThat(names("does it support http2?")).isEmpty();
        // A preposition in chat spelling ends a kind of thing's words: "midway thru" is no kind.
        assertThat(names("can i stop an answer midway thru?")).isEmpty();
    }

    private static java.util.List<String> names(String question) {
        return UnknownNames.in(knowledge.index(), question);
    }
}

package dev.glassbox.server.local.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which words of a question over the repository's knowledge are names the docs never mention. */
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

    private static java.util.List<String> names(String question) {
        return UnknownNames.in(knowledge.index(), question);
    }
}

package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExcerptTest {
    /** Sixty filler words, a clause break, then the model's name and price at the end. */
    private static final String LONG = "The cloud path " + "runs the same core and pipeline ".repeat(12).strip()
            + ", and the default model is Nova Lite at $0.06 per million input tokens.";

    private static String cut(String question, Pattern amount, boolean opening) {
        Set<String> wanted = Set.of(question.toLowerCase(Locale.ROOT).split("\\W+"));
        return Excerpt.of(LONG, t -> wanted.contains(t) ? 1 : 0,
                text -> Set.of(text.toLowerCase(Locale.ROOT).replaceAll("\\W", "")), amount, opening);
    }

    @Test
    void aShortSentenceIsQuotedWhole() {
        assertThat(Excerpt.start("The server listens on port 8080.")).isEqualTo("The server listens on port 8080.");
    }

    @Test
    void aLongSentenceIsCutToThePartThatHoldsWhatTheQuestionAsks() {
        String cut = cut("Which default model, at what price?", Pattern.compile("\\$\\d"), false);
        assertThat(cut).startsWith("… and the default model is Nova Lite at $0.06").endsWith("tokens.");
        assertThat(cut.split("\\s+").length).isLessThanOrEqualTo(Excerpt.CAP_WORDS + 1);
    }

    @Test
    void withNothingAskedALongSentenceKeepsItsStart() {
        assertThat(Excerpt.start(LONG)).startsWith("The cloud path runs").endsWith(" …").doesNotContain("Nova Lite");
    }

    @Test
    void anOpeningSentenceKeepsItsStartAndStillReachesWhatTheQuestionAsks() {
        String cut = cut("Which default model, at what price?", Pattern.compile("\\$\\d"), true);
        assertThat(cut).startsWith("The cloud path runs").contains("Nova Lite at $0.06").doesNotContain("…");
    }

    @Test
    void aWindowThatWouldEndRightAfterTheTermAskedAboutLosesToOneThatHoldsWhatFollowsIt() {
        // The term asked about closes the first 55 words; its value follows them.
        String sentence = "Relay latency was " + "measured ".repeat(27) + "again, " + "measured ".repeat(22)
                + "relay p99 5.30 and 5.03 ms against 5.29 and 5.64 ms.";
        Set<String> wanted = Set.of("relay", "p99");
        String cut = Excerpt.of(sentence, t -> wanted.contains(t) ? 1 : 0,
                text -> Set.of(text.toLowerCase(Locale.ROOT).replaceAll("\\W", "")), null, false);
        assertThat(cut).startsWith("… measured").endsWith("relay p99 5.30 and 5.03 ms against 5.29 and 5.64 ms.");
    }

    @Test
    void theValueAskedForIsKeptOverTheQuestionsWordsAndNotCutOffAtAComma() {
        String sentence = "Every setting is an environment variable, and the defaults work on a laptop: the first "
                + "setting names the folder of files to answer from, the second setting chooses the agent and its "
                + "settings, the third setting chooses the settings of the settings, and the pace setting sets the "
                + "pause between streamed words (12 milliseconds; 0 sends them at once).";
        Set<String> wanted = Set.of("setting", "pace");
        String cut = Excerpt.of(sentence, t -> wanted.contains(t) ? 1 : 0,
                text -> Set.of(text.toLowerCase(Locale.ROOT).replaceAll("\\W", "").replaceAll("s$", "")),
                Pattern.compile("\\d+ milliseconds"), false);
        assertThat(cut).contains("(12 milliseconds; 0 sends them at once)");
    }
}

package dev.glassbox.server.local.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.local.compose.Measures.Measure;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MeasuresTest {
    private static final Pattern ANY_NUMBER = Pattern.compile("\\d");
    private static final Pattern DURATION_OR_SIZE = Pattern.compile("\\d+\\s*(?:seconds?|minutes?|KB|MB)\\b");

    @Test
    void aNumberMeasuresWhatItsUnitSays() {
        assertThat(Measures.of("costs $", " per month")).containsExactly(Measure.MONEY);
        assertThat(Measures.of("waits ", " seconds")).containsExactly(Measure.DURATION);
        assertThat(Measures.of("took ", " to 3.6 seconds")).containsExactly(Measure.DURATION);
        assertThat(Measures.of("at most ", " KB")).containsExactly(Measure.SIZE);
        assertThat(Measures.of("listens on port ", ".")).containsExactly(Measure.LABEL);
        assertThat(Measures.of("on ", "-12-02")).containsExactly(Measure.LABEL);
        assertThat(Measures.of("sends at most ", " token messages")).containsExactly(Measure.COUNT);
        assertThat(Measures.of("about ", " tokens")).contains(Measure.COUNT, Measure.SIZE);
        assertThat(Measures.of("was ", " and 0.69 times the bare writer's")).containsExactly(Measure.RATIO);
    }

    @Test
    void aHowManyQuestionThatCountsAUnitAsksAnAmountOfItsMeasure() {
        assertThat(Measures.asked(Measures.amountIn("seconds"), "how many seconds do running answers get?", false))
                .containsExactly(Measure.DURATION);
        assertThat(Measures.asked(Measures.amountIn("MB"), "how many MB may one file be?", false))
                .containsExactly(Measure.SIZE);
        assertThat(Measures.amountIn("questions")).isNull();
    }

    @Test
    void howLongAsksADurationWhenSomethingWaitsAndALengthOtherwise() {
        assertThat(Measures.asked(DURATION_OR_SIZE, "How long does the server wait for an answer?", false))
                .containsExactly(Measure.DURATION);
        assertThat(Measures.asked(DURATION_OR_SIZE, "How long are finished answers kept?", false))
                .containsExactly(Measure.DURATION);
        assertThat(Measures.asked(DURATION_OR_SIZE, "How long can a question be?", false))
                .containsExactly(Measure.SIZE);
        // "does" carries the tense of a verb the measures do not know: something is done for a time.
        assertThat(Measures.asked(DURATION_OR_SIZE, "how long does the server remember my conversation?", false))
                .containsExactly(Measure.DURATION);
        assertThat(Measures.asked(ANY_NUMBER, "How many alarms are there?", true)).containsExactly(Measure.COUNT);
        assertThat(Measures.asked(DURATION_OR_SIZE, "How much latency does it add compared with a bare writer?",
                false)).contains(Measure.RATIO);
    }

    @Test
    void aRateIsNoDurationUnlessTheQuestionAsksAboutTheTimeBetween() {
        assertThat(Measures.of("5 questions at once and then one every ", " seconds")).containsExactly(Measure.RATE);
        assertThat(Measures.of("and then ", " a minute over all its connections")).contains(Measure.RATE, Measure.COUNT);
        assertThat(Measures.of("pings them every ", " seconds")).containsExactly(Measure.DURATION);
        String limits = "Each connection may send 5 questions at once and then one every 3 seconds.";
        Set<Measure> runs = Measures.asked(DURATION_OR_SIZE, "How long can an answer run in the cloud?", false);
        assertThat(Measures.states(DURATION_OR_SIZE, runs, limits)).isFalse();
        assertThat(Measures.measuresAny("Kept events share a memory budget of 64 MB.")).isTrue();
        assertThat(Measures.measuresAny("The server listens on port 8080 since 2026-12-02.")).isFalse();
        Set<Measure> between = Measures.asked(DURATION_OR_SIZE, "How long must I wait between two questions?", false);
        assertThat(Measures.states(DURATION_OR_SIZE, between, limits)).isTrue();
    }

    @Test
    void aSettingNamedForItsUnitGivesItsValueInThatUnit() {
        assertThat(Measures.of("a daily budget in USD (GLASSBOX_DAILY_BUDGET_USD, ", " by default)"))
                .containsExactly(Measure.MONEY);
        assertThat(Measures.of("(GLASSBOX_IDLE_TIMEOUT_MS=", ")")).containsExactly(Measure.DURATION);
        Pattern money = Pattern.compile("\\$\\s?\\d");
        assertThat(Measures.states(money, Set.of(Measure.MONEY),
                "A daily budget in USD (GLASSBOX_DAILY_BUDGET_USD, 1 by default) stops questions.")).isTrue();
        assertThat(Measures.states(money, Set.of(Measure.MONEY), "It keeps 1 answer by default.")).isFalse();
    }

    @Test
    void aPriceOfNothingIsSaidInWords() {
        assertThat(Measures.free("The AWS Budgets budget costs nothing either.")).isTrue();
        assertThat(Measures.free("The alarms cost nothing in an idle month.")).isTrue();
        assertThat(Measures.free("The cost guards keep it from costing a fortune.")).isFalse();
        assertThat(Measures.free("Nothing has been deployed yet.")).isFalse();
    }

    @Test
    void aSentenceMostlyAboutOtherMeasuresDoesNotStateTheOneAsked() {
        Set<Measure> count = Set.of(Measure.COUNT);
        assertThat(Measures.states(ANY_NUMBER, count, "API Gateway charges $1.00 per million messages, billed in "
                + "32 KB units, and waits 50 milliseconds.")).isFalse();
        assertThat(Measures.states(ANY_NUMBER, count, "The server listens on port 8080.")).isFalse();
        assertThat(Measures.states(ANY_NUMBER, count, "It writes about 300 tokens for $0.0002.")).isTrue();
    }
}

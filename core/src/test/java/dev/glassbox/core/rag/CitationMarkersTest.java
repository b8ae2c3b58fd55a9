package dev.glassbox.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CitationMarkersTest {
    private static final Reference A = new Reference("a.md", "A", "a", 0.9, "s3://kb/a.md");
    private static final Reference B = new Reference("b.md", "B", "b", 0.8, "s3://kb/b.md");

    /** Streams the deltas through; returns the text passed on and collects the citations. */
    private static String stream(CitationMarkers markers, List<Citation> citations, String... deltas) {
        StringBuilder text = new StringBuilder();
        for (String delta : deltas) {
            CitationMarkers.Output out = markers.accept(delta);
            text.append(out.text());
            citations.addAll(out.citations());
        }
        CitationMarkers.Output rest = markers.finish();
        citations.addAll(rest.citations());
        return text.append(rest.text()).toString();
    }

    @Test
    void eachMarkerCitesTheTextSinceThePreviousOne() {
        List<Citation> citations = new ArrayList<>();
        String text = stream(new CitationMarkers(List.of(A, B)), citations, "It is free. [1] It has parts [2] and more.");
        assertThat(text).isEqualTo("It is free. [1] It has parts [2] and more.");
        assertThat(citations).hasSize(2);
        assertThat(text.substring(citations.get(0).start(), citations.get(0).end())).isEqualTo("It is free.");
        assertThat(citations.get(0).references()).containsExactly(A);
        assertThat(text.substring(citations.get(1).start(), citations.get(1).end())).isEqualTo("It has parts");
        assertThat(citations.get(1).index()).isEqualTo(1);
        assertThat(citations.get(1).references()).containsExactly(B);
    }

    @Test
    void aMarkerSplitAcrossDeltasIsFoundOnceAndNothingIsLost() {
        List<Citation> citations = new ArrayList<>();
        String text = stream(new CitationMarkers(List.of(A, B)), citations,
                "Cheap", " to run ", "[", "2", "]", " and [1", "]", " done [");
        assertThat(text).isEqualTo("Cheap to run [2] and [1] done [");
        assertThat(citations).extracting(Citation::references).containsExactly(List.of(B), List.of(A));
        assertThat(text.substring(citations.get(1).start(), citations.get(1).end())).isEqualTo("and");
    }

    @Test
    void aMarkerNamingNoPassageSentIsDroppedWithItsSpaceAndCounted() {
        CitationMarkers markers = new CitationMarkers(List.of(A));
        List<Citation> citations = new ArrayList<>();
        String text = stream(markers, citations, "Made up [7]. Real [1] and [0] or [x] and", " [10", "00] end");
        assertThat(text).isEqualTo("Made up. Real [1] and or [x] and [1000] end");
        assertThat(markers.dropped()).isEqualTo(2);
        assertThat(citations).hasSize(1);
        assertThat(text.substring(citations.get(0).start(), citations.get(0).end())).isEqualTo("Made up. Real");
    }

    @Test
    void markersSideBySideCiteTheSameTextEachItsPassage() {
        CitationMarkers markers = new CitationMarkers(List.of(A, B));
        List<Citation> citations = new ArrayList<>();
        String text = stream(markers, citations, "Free [1][2]. Small [2] [", "1]. Both [9][1].");
        assertThat(text).isEqualTo("Free [1][2]. Small [2] [1]. Both [1].");
        assertThat(citations).extracting(Citation::references)
                .containsExactly(List.of(A), List.of(B), List.of(B), List.of(A), List.of(A));
        assertThat(citations).extracting(c -> text.substring(c.start(), c.end()))
                .as("each span starts at a word, not at the full stop before it")
                .containsExactly("Free", "Free", "Small", "Small", "Both");
        assertThat(markers.dropped()).isEqualTo(1);
    }

    @Test
    void aMarkerListingSeveralPassagesIsCheckedNumberByNumber() {
        CitationMarkers markers = new CitationMarkers(List.of(A, B));
        List<Citation> citations = new ArrayList<>();
        String text = stream(markers, citations, "Free [1, 2]. Cheap [2,", " 7]. Made up [8, 9].");
        assertThat(text).isEqualTo("Free [1][2]. Cheap [2]. Made up.");
        assertThat(citations).extracting(Citation::references).containsExactly(List.of(A), List.of(B), List.of(B));
        assertThat(markers.dropped()).isEqualTo(3);
    }

    @Test
    void textGoesOutAtOnceUnlessItMayStillBecomeAMarker() {
        CitationMarkers markers = new CitationMarkers(List.of(A));
        assertThat(markers.accept("Hello world").text()).isEqualTo("Hello world");
        assertThat(markers.accept(" and [").text()).isEqualTo(" and");
        assertThat(markers.accept("1] more").text()).isEqualTo(" [1] more");
    }
}

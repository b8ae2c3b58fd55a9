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

    @Test
    void eachMarkerCitesTheTextSinceThePreviousOne() {
        CitationMarkers markers = new CitationMarkers(List.of(A, B));
        String text = "It is free. [1] It has parts [2] and more.";
        List<Citation> citations = markers.accept(text);
        assertThat(citations).hasSize(2);
        assertThat(text.substring(citations.get(0).start(), citations.get(0).end())).isEqualTo("It is free.");
        assertThat(citations.get(0).references()).containsExactly(A);
        assertThat(text.substring(citations.get(1).start(), citations.get(1).end())).isEqualTo("It has parts");
        assertThat(citations.get(1).index()).isEqualTo(1);
        assertThat(citations.get(1).references()).containsExactly(B);
    }

    @Test
    void aMarkerSplitAcrossDeltasIsFoundOnce() {
        CitationMarkers markers = new CitationMarkers(List.of(A, B));
        List<Citation> all = new ArrayList<>();
        for (String delta : List.of("Cheap", " to run ", "[", "2", "]", " and [1", "]")) {
            all.addAll(markers.accept(delta));
        }
        assertThat(all).extracting(Citation::references).containsExactly(List.of(B), List.of(A));
        assertThat(all.get(1).start()).as("after \" [2] \"").isEqualTo(all.get(0).end() + 5);
    }

    @Test
    void numbersWithoutAPassageAndOtherBracketsAreNotCitations() {
        CitationMarkers markers = new CitationMarkers(List.of(A));
        assertThat(markers.accept("See [7] and [x] and [1000] then [1]")).hasSize(1);
    }
}

package dev.glassbox.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.testing.ProtocolSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every kind of event, in every shape the runtimes send, is written exactly as before: the frames in
 * {@code encoded-events.jsonl} were written by the encoder that built a Jackson tree for each event, before
 * it wrote events straight to text. Each frame must also stay valid against the published JSON Schemas.
 */
class EncodedEventsTest {
    static final Path EXPECTED = Path.of("src/test/resources/protocol/encoded-events.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventEncoder encoder = new EventEncoder();

    /** An event with the id and seq it is encoded with. */
    record Encoded(ServerEvent event, String answerId, Long seq) {
    }

    /** A detail value that is neither a reference nor a collection: Jackson writes it as an object. */
    record Assessed(String source, double score, boolean chosen) {
    }

    static List<Encoded> events() {
        Reference costs = new Reference("costs.md", "Costs › Lambda", "It costs \"little\" — €0.20\nper million.",
                0.8125, "knowledge/costs.md#lambda");
        Reference bare = new Reference(null, null, null, null, null);
        Citation citation = new Citation(2, 10, 42, List.of(costs, bare));
        Map<String, Object> guardrail = new LinkedHashMap<>();
        guardrail.put("action", "INTERVENED");
        guardrail.put("reasons", List.of("topic"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rank", 1);
        row.put("source", "a.md");
        row.put("bm25Rank", null);
        row.put("fusedScore", 0.0331);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", "what's <b>this</b>?\t\u0001");
        details.put("followUp", true);
        details.put("terms", List.of("lambda", "cost"));
        details.put("fused", List.of(row, row));
        details.put("passages", List.of(new Assessed("a.md", 0.5, true)));
        details.put("references", List.of(costs, List.of(bare)));
        details.put("searched", null);
        details.put("ratio", 2.5f);
        details.put("count", 7L);
        List<Reference> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new Reference("file-" + i + ".md", "Heading " + i, "y".repeat(600), 0.1, "u" + i));
        }
        Citation manyCited = new Citation(0, 0, 1, many.subList(0, 5));
        return List.of(
                new Encoded(new ServerEvent.Start("s-1", "local", "extractive"), "q1", 0L),
                new Encoded(new ServerEvent.Start("s-1", "bedrock-agent", null), "q1", 0L),
                new Encoded(new ServerEvent.Token("Hi \"there\" ✓\n"), "q1", 1L),
                new Encoded(new ServerEvent.Trace(TraceStep.retrieval("cost?", List.of(costs, bare), 4L), 9), "q1", 2L),
                new Encoded(new ServerEvent.Trace(TraceStep.reasoning("Why", "Because.\n😀"), 10), "q1", 3L),
                new Encoded(new ServerEvent.Trace(TraceStep.model("m", new Usage(3, 4), 7L), 11), "q1", 4L),
                new Encoded(new ServerEvent.Trace(new TraceStep(TraceStep.Kind.GUARDRAIL, "Stopped", null, guardrail),
                        12), "q1", 5L),
                new Encoded(new ServerEvent.Trace(new TraceStep(TraceStep.Kind.UNDERSTANDING, "Read the question", 0L,
                        details), 0), "q1", 6L),
                new Encoded(new ServerEvent.Trace(TraceStep.reasoning("Long thought", "z".repeat(100_000)), 5), "q1", 7L),
                new Encoded(new ServerEvent.Trace(TraceStep.retrieval("q", many, 1L), 5), "q1", 8L),
                new Encoded(new ServerEvent.CitationEvent(citation), "q1", 9L),
                new Encoded(new ServerEvent.Done("Hello [1]", List.of(citation, citation), new Usage(3, 4), 0.0012, 80L,
                        900, StopReason.COMPLETE, LocalDate.of(2026, 11, 26)), "q1", 10L),
                new Encoded(new ServerEvent.Done("", List.of(), Usage.NONE, 0.0, null, 0, StopReason.GUARDRAIL),
                        "q1", 3L),
                new Encoded(new ServerEvent.Done("ü".repeat(12_289), List.of(), new Usage(0, 0), null, null, 5,
                        StopReason.CANCELLED), "q2", 1L),
                new Encoded(new ServerEvent.Done("é".repeat(12_288), List.of(citation), new Usage(1, 1), 1e-7, 3L, 5,
                        StopReason.MAX_TOKENS), "q2", 1L),
                new Encoded(new ServerEvent.Done("é".repeat(12_288), Collections.nCopies(12, manyCited),
                        new Usage(1, 1), 0.25, 3L, 5, StopReason.COMPLETE), "q2", 2L),
                new Encoded(new ServerEvent.Error(ErrorCode.RATE_LIMITED, "Slow down.", true, 1500L), "q3", 2L),
                new Encoded(ServerEvent.Error.of(ErrorCode.BAD_REQUEST, "Not \"JSON\"."), null, null),
                new Encoded(new ServerEvent.FeedbackRecorded("down"), "q1", null),
                new Encoded(new ServerEvent.Pong(), null, null));
    }

    @Test
    void everyEventIsWrittenAsBeforeAndIsValidProtocol() throws IOException {
        List<String> expected = Files.readAllLines(EXPECTED, StandardCharsets.UTF_8);
        List<Encoded> events = events();
        assertThat(expected).hasSameSizeAs(events);
        for (int i = 0; i < events.size(); i++) {
            Encoded e = events.get(i);
            String frame = encoder.encode(e.event(), e.answerId(), e.seq());
            String name = i + ": " + e.event().type();
            assertThat(JSON.readTree(frame)).as(name).isEqualTo(JSON.readTree(expected.get(i)));
            assertThat(frame).as(name).isEqualTo(expected.get(i));
            assertThat(frame.getBytes(StandardCharsets.UTF_8).length).as(name)
                    .isLessThanOrEqualTo(ProtocolLimits.MAX_FRAME_BYTES);
            assertThat(ProtocolSchemas.get().serverEventErrors(frame)).as(name).isEmpty();
        }
    }
}

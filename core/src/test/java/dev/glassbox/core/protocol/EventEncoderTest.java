package dev.glassbox.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventEncoderTest {
    private final EventEncoder encoder = new EventEncoder();

    @Test
    void writesTheWireFormatOfProtocolV1() {
        assertThat(encoder.encode(new ServerEvent.Token("Hi"), "q1", 3L))
                .isEqualTo("{\"type\":\"token\",\"id\":\"q1\",\"seq\":3,\"text\":\"Hi\"}");
        assertThat(encoder.encode(new ServerEvent.Pong(), null, null)).isEqualTo("{\"type\":\"pong\"}");
        assertThat(encoder.encode(new ServerEvent.Error(ErrorCode.RATE_LIMITED, "Slow down.", true, 1500L), "q2", null))
                .isEqualTo("{\"type\":\"error\",\"id\":\"q2\",\"code\":\"rate_limited\",\"message\":\"Slow down.\","
                        + "\"retryable\":true,\"retryAfterMs\":1500}");
        JsonObject trace = new JsonObject(encoder.encode(new ServerEvent.Trace(
                TraceStep.retrieval("cost?", List.of(new Reference("costs.md", "Costs", "Cheap.", 0.5, "u")), 4L), 9),
                "q1", 1L));
        assertThat(trace.getJsonObject("step").encode()).isEqualTo("{\"kind\":\"retrieval\",\"title\":"
                + "\"Searched the knowledge base\",\"t\":9,\"durationMs\":4,\"query\":\"cost?\",\"references\":"
                + "[{\"source\":\"costs.md\",\"title\":\"Costs\",\"excerpt\":\"Cheap.\",\"score\":0.5,\"uri\":\"u\"}]}");
    }

    /** Written without Jackson's generator, every event still reads back and writes again as the same text. */
    @Test
    void writesEveryEventExactlyAsJacksonWould() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String awkward = "a \"quote\", a \\ backslash, tab\tnew\nline\r\b\f\u0001\u001f é ü 😀 — € </script> \u2028";
        Reference scored = new Reference("costs.md", awkward, "Cheap.", 0.123456789, "knowledge/costs.md#a");
        Reference unscored = new Reference("b.md", "B", awkward, null, null);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("text", awkward);
        details.put("count", 3);
        details.put("big", Long.MAX_VALUE);
        details.put("ratio", 1.0E-7);
        details.put("notANumber", Double.NaN);
        details.put("flag", true);
        details.put("nothing", null);
        details.put("terms", List.of("a", awkward, List.of(1, 2.5)));
        details.put("nested", Map.of("k", awkward));
        details.put("references", List.of(scored, unscored));
        details.put(awkward, "key");
        List<ServerEvent> events = List.of(
                new ServerEvent.Start("s-" + awkward, "local", "extractive"),
                new ServerEvent.Trace(TraceStep.retrieval(awkward, List.of(scored, unscored), 4L), 9),
                new ServerEvent.Trace(TraceStep.reasoning("Why", awkward), 0),
                new ServerEvent.Trace(TraceStep.model("m", new Usage(800, 200), 10_000L), 10_003),
                new ServerEvent.Trace(new TraceStep(TraceStep.Kind.SELECTION, awkward, null, details), 12),
                new ServerEvent.CitationEvent(new Citation(1, 0, 5, List.of(scored, unscored))),
                new ServerEvent.Done(awkward, List.of(new Citation(1, 0, 5, List.of(scored)),
                        new Citation(2, 6, 9, List.of(unscored, scored))), new Usage(1, 2), 1.2E-5, 3L, 9,
                        StopReason.COMPLETE, java.time.LocalDate.of(2026, 11, 26)),
                new ServerEvent.Done("", List.of(), Usage.NONE, 0.0, null, 9, StopReason.CANCELLED),
                new ServerEvent.Done("x", List.of(), Usage.NONE, null, 1L, 2, StopReason.GUARDRAIL),
                new ServerEvent.Error(ErrorCode.RATE_LIMITED, awkward, true, 1500L),
                new ServerEvent.Error(ErrorCode.INTERNAL, "Oops.", false, null),
                new ServerEvent.FeedbackRecorded("up"),
                new ServerEvent.Pong());
        for (ServerEvent event : events) {
            for (String frame : List.of(encoder.encode(event, "q-1.a:b", 7L), encoder.encode(event, null, null))) {
                assertThat(frame).isEqualTo(mapper.writeValueAsString(mapper.readTree(frame)));
            }
        }
        JsonObject selection = new JsonObject(encoder.encode(events.get(4), "q1", 1L)).getJsonObject("step");
        assertThat(selection.getString("text")).isEqualTo(awkward);
        assertThat(selection.getString(awkward)).isEqualTo("key");
        assertThat(selection.getValue("notANumber")).isEqualTo("NaN");
        assertThat(selection.getJsonObject("nested").getString("k")).isEqualTo(awkward);
        assertThat(selection.getJsonArray("references").getJsonObject(1).containsKey("score")).isFalse();
        assertThat(new JsonObject(encoder.encode(events.get(6), "q1", 1L)).getString("text")).isEqualTo(awkward);
    }

    @Test
    void doneSaysWhenItsPriceWasTaken() {
        JsonObject done = new JsonObject(encoder.encode(new ServerEvent.Done("Hi", List.of(), new Usage(1, 2), 0.5, 3L,
                9, StopReason.COMPLETE, java.time.LocalDate.of(2026, 11, 26)), "q1", 4L));
        assertThat(done.getString("pricesAsOf")).isEqualTo("2026-11-26");
        JsonObject unpriced = new JsonObject(encoder.encode(new ServerEvent.Done("Hi", List.of(), new Usage(1, 2), null,
                3L, 9, StopReason.COMPLETE), "q1", 4L));
        assertThat(unpriced.containsKey("pricesAsOf")).isFalse();
    }

    @Test
    void tokenTextComesBackExactlyWhateverItHolds() {
        for (String text : List.of("plain words ", "a \"quote\" and a \\ backslash", "tab\tnew\nline\u0001",
                "é ü 😀 — €", "</script>", "")) {
            JsonObject token = new JsonObject(encoder.encode(new ServerEvent.Token(text), "q-1.a:b", 41L));
            assertThat(token.getString("text")).isEqualTo(text);
            assertThat(token.getString("id")).isEqualTo("q-1.a:b");
            assertThat(token.getLong("seq")).isEqualTo(41);
        }
    }

    @Test
    void referencesKeepAtMostSixHundredCharactersOfExcerpt() {
        Reference reference = new Reference("a.md", "A", "x".repeat(5_000), null, "u");
        assertThat(reference.excerpt()).hasSize(600).endsWith("…");
    }

    @Test
    void anOversizedTraceStepIsShortenedToFitOneFrameWithoutLosingItsIdentity() {
        List<Reference> references = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            references.add(new Reference("file-" + i + ".md", "Heading " + i, "y".repeat(600), 0.1, "u" + i));
        }
        String frame = encoder.encode(new ServerEvent.Trace(
                TraceStep.reasoning("Long thought", "z".repeat(100_000)), 5), "q1", 7L);
        assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ProtocolLimits.MAX_FRAME_BYTES);
        assertThat(new JsonObject(frame).getJsonObject("step").getString("text")).endsWith("…");

        String many = encoder.encode(new ServerEvent.Trace(TraceStep.retrieval("q", references, 1L), 5), "q1", 8L);
        JsonObject json = new JsonObject(many);
        assertThat(many.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(ProtocolLimits.MAX_FRAME_BYTES);
        assertThat(json.getString("type")).isEqualTo("trace");
        assertThat(json.getLong("seq")).isEqualTo(8);
        assertThat(json.getJsonObject("step").getString("kind")).isEqualTo("retrieval");
        assertThat(json.getJsonObject("step").getJsonArray("references")).isNotEmpty();
    }

    @Test
    void doneLeavesOutTextOverTwentyFourKilobytes() {
        String small = "ok";
        String large = "ü".repeat(12_289); // 24,578 bytes in UTF-8
        ServerEvent.Done done = new ServerEvent.Done(small, List.of(), Usage.NONE, 0.0, 5L, 9, StopReason.COMPLETE);
        assertThat(new JsonObject(encoder.encode(done, "q", 2L)).getString("text")).isEqualTo("ok");
        ServerEvent.Done big = new ServerEvent.Done(large, List.of(), Usage.NONE, null, null, 9, StopReason.MAX_TOKENS);
        JsonObject json = new JsonObject(encoder.encode(big, "q", 2L));
        assertThat(json.containsKey("text")).isFalse();
        assertThat(json.getValue("costUsd")).isNull();
        assertThat(json.getJsonObject("timings").getValue("firstTokenMs")).isNull();
        assertThat(json.getString("stopReason")).isEqualTo("max_tokens");
    }
}

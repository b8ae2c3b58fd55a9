package dev.glassbox.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

package dev.glassbox.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.testing.ProtocolSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The published protocol (protocol/asyncapi.yaml and its JSON Schemas) agrees with the encoder and the parser. */
class ProtocolSchemasTest {
    private final ProtocolSchemas schemas = ProtocolSchemas.get();
    private final EventEncoder encoder = new EventEncoder();
    private static final Reference REFERENCE = new Reference("costs.md", "Costs", "Cheap.", 0.5, "knowledge/costs.md");

    @Test
    void everyKindOfEventTheEncoderWritesIsValid() {
        Citation citation = new Citation(1, 0, 5, List.of(REFERENCE, new Reference(null, null, null, null, null)));
        List<String> frames = List.of(
                encoder.encode(new ServerEvent.Start("s-1", "local", "extractive"), "q1", 0L),
                encoder.encode(new ServerEvent.Start("s-1", "bedrock-agent", null), "q1", 0L),
                encoder.encode(new ServerEvent.Token("Hi \"there\" ✓"), "q1", 1L),
                encoder.encode(new ServerEvent.Trace(TraceStep.retrieval("cost?", List.of(REFERENCE), 4L), 9), "q1", 2L),
                encoder.encode(new ServerEvent.Trace(TraceStep.reasoning("Why", "Because."), 10), "q1", 3L),
                encoder.encode(new ServerEvent.Trace(TraceStep.model("m", new Usage(3, 4), 7L), 11), "q1", 4L),
                encoder.encode(new ServerEvent.Trace(new TraceStep(TraceStep.Kind.GUARDRAIL, "Stopped", null,
                        Map.of("action", "INTERVENED", "reasons", List.of("topic"))), 12), "q1", 5L),
                encoder.encode(new ServerEvent.CitationEvent(citation), "q1", 6L),
                encoder.encode(new ServerEvent.Done("Hello", List.of(citation), new Usage(3, 4), 0.0012, 80L, 900,
                        StopReason.COMPLETE, LocalDate.of(2026, 11, 26)), "q1", 7L),
                encoder.encode(new ServerEvent.Done("x".repeat(30_000), List.of(), new Usage(0, 0), null, null, 5,
                        StopReason.CANCELLED), "q2", 1L),
                encoder.encode(new ServerEvent.Error(ErrorCode.RATE_LIMITED, "Slow down.", true, 1500L), "q3", 2L),
                encoder.encode(ServerEvent.Error.of(ErrorCode.BAD_REQUEST, "Not JSON."), null, null),
                encoder.encode(new ServerEvent.FeedbackRecorded("down"), "q1", null),
                encoder.encode(new ServerEvent.Pong(), null, null));
        for (String frame : frames) {
            assertThat(schemas.serverEventErrors(frame)).as(frame.length() > 300 ? frame.substring(0, 300) : frame)
                    .isEmpty();
        }
    }

    @Test
    void theLocalAgentsStepsAndUnknownKindsAreValidButAStepMissingItsFieldsIsNot() {
        String understanding = "{\"type\":\"trace\",\"id\":\"q\",\"seq\":1,\"step\":{\"kind\":\"understanding\","
                + "\"title\":\"Read the question\",\"t\":0,\"durationMs\":1,\"query\":\"and Lambda?\","
                + "\"standaloneQuery\":\"cost of Lambda\",\"followUp\":true,\"terms\":[\"cost\",\"lambda\"]}}";
        assertThat(schemas.serverEventErrors(understanding)).isEmpty();
        for (String kind : List.of("selection", "composition", "decline", "a-kind-from-the-future")) {
            assertThat(schemas.serverEventErrors("{\"type\":\"trace\",\"id\":\"q\",\"seq\":2,\"step\":{\"kind\":\""
                    + kind + "\",\"title\":\"T\",\"t\":3,\"anything\":[1]}}")).as(kind).isEmpty();
        }
        assertThat(schemas.serverEventErrors(understanding.replace(",\"terms\":[\"cost\",\"lambda\"]", "")))
                .isNotEmpty();
        assertThat(schemas.serverEventErrors(understanding.replace("\"followUp\":true", "\"followUp\":\"yes\"")))
                .isNotEmpty();
    }

    @Test
    void eventsThatBreakTheProtocolAreRejected() {
        List<String> invalid = List.of(
                "{\"type\":\"tokens\",\"id\":\"q\",\"seq\":1,\"text\":\"a\"}",
                "{\"type\":\"token\",\"id\":\"q\",\"text\":\"a\"}",
                "{\"type\":\"token\",\"id\":\"q\",\"seq\":-1,\"text\":\"a\"}",
                "{\"type\":\"token\",\"id\":\"q\",\"seq\":1,\"text\":\"a\",\"extra\":1}",
                "{\"type\":\"start\",\"id\":\"q\",\"seq\":0,\"sessionId\":\"s\",\"backend\":\"local\",\"model\":\"m\"}",
                "{\"type\":\"done\",\"id\":\"q\",\"seq\":9,\"citations\":[],\"costUsd\":null,"
                        + "\"timings\":{\"firstTokenMs\":null,\"totalMs\":1},\"stopReason\":\"complete\"}",
                "{\"type\":\"done\",\"id\":\"q\",\"seq\":9,\"citations\":[],\"usage\":{\"inputTokens\":0,"
                        + "\"outputTokens\":0},\"costUsd\":null,\"timings\":{\"firstTokenMs\":null,\"totalMs\":1},"
                        + "\"stopReason\":\"finished\"}",
                "{\"type\":\"error\",\"code\":\"oops\",\"message\":\"m\",\"retryable\":false}",
                "{\"type\":\"trace\",\"id\":\"q\",\"seq\":1,\"step\":{\"kind\":\"retrieval\",\"title\":\"t\",\"t\":0}}",
                "{\"type\":\"trace\",\"id\":\"q\",\"seq\":1,\"step\":{\"kind\":\"reasoning\",\"t\":0,\"text\":\"x\"}}",
                "[]");
        for (String frame : invalid) {
            assertThat(schemas.serverEventErrors(frame)).as(frame).isNotEmpty();
        }
    }

    /** The schema and the parser draw the same line, except for limits a schema cannot state (see ask.json). */
    @Test
    void theClientSchemaAcceptsWhatTheParserAccepts() {
        ClientMessageParser parser = new ClientMessageParser();
        List<String> frames = List.of(
                "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"How much?\"}",
                "{\"action\":\"ask\",\"id\":\"q1\",\"sessionId\":\"s-1\",\"text\":\"And Lambda?\",\"future\":1}",
                "{\"action\":\"cancel\",\"id\":\"q1\"}",
                "{\"action\":\"resume\",\"id\":\"q1\",\"after\":41}",
                "{\"action\":\"resume\",\"id\":\"q1\",\"sessionId\":\"s-1\"}",
                "{\"action\":\"ping\"}",
                "not json", "[]", "{}", "{\"action\":\"dance\"}", "{\"action\":7}",
                "{\"action\":\"ask\",\"text\":\"hi\"}",
                "{\"action\":\"ask\",\"id\":\"a b\",\"text\":\"hi\"}",
                "{\"action\":\"ask\",\"id\":\"" + "x".repeat(65) + "\",\"text\":\"hi\"}",
                "{\"action\":\"ask\",\"id\":\"q\",\"text\":\"  \"}",
                "{\"action\":\"ask\",\"id\":\"q\",\"text\":5}",
                "{\"action\":\"ask\",\"id\":\"q\",\"sessionId\":\"s\",\"text\":\"hi\"}",
                "{\"action\":\"cancel\"}",
                "{\"action\":\"resume\",\"id\":\"q\",\"after\":\"x\"}",
                "{\"action\":\"resume\",\"id\":\"q\",\"after\":-2}",
                "{\"action\":\"resume\",\"id\":\"q\",\"after\":1.5}",
                "{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"down\",\"comment\":\"Wrong.\"}",
                "{\"action\":\"feedback\",\"id\":\"q1\",\"sessionId\":\"s-1\",\"verdict\":\"up\",\"comment\":null}",
                "{\"action\":\"feedback\",\"id\":\"q1\"}",
                "{\"action\":\"feedback\",\"verdict\":\"up\"}",
                "{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"meh\"}",
                "{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"up\",\"comment\":7}");
        for (String frame : frames) {
            boolean parsed;
            try {
                parser.parse(frame);
                parsed = true;
            } catch (ProtocolException e) {
                parsed = false;
            }
            assertThat(schemas.clientMessageErrors(frame).isEmpty()).as(frame).isEqualTo(parsed);
        }
        assertThat(schemas.clientMessageErrors(
                "{\"action\":\"feedback\",\"id\":\"q1\",\"sessionId\":\"s-1\",\"verdict\":\"up\",\"comment\":\"Clear.\"}"))
                .isEmpty();
        assertThat(schemas.clientMessageErrors("{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"meh\"}"))
                .isNotEmpty();
    }

    @Test
    void theAsyncApiDocumentReferencesEverySchemaAndOnlySchemasThatExist() throws Exception {
        JsonNode asyncapi = new ObjectMapper(new YAMLFactory()).readTree(ProtocolSchemas.FOLDER.resolve("asyncapi.yaml")
                .toFile());
        assertThat(asyncapi.path("asyncapi").asText()).startsWith("3.");
        Set<String> referenced = new HashSet<>();
        asyncapi.path("components").path("messages").forEach(message -> {
            String ref = message.at("/payload/schema/$ref").asText();
            assertThat(ProtocolSchemas.FOLDER.resolve(ref)).as(ref).isRegularFile();
            referenced.add(ref);
            message.path("examples").forEach(example -> {
                String frame = example.path("payload").toString();
                assertThat(ref.startsWith("schemas/client/") ? schemas.clientMessageErrors(frame)
                        : schemas.serverEventErrors(frame)).as(frame).isEmpty();
            });
        });
        Path folder = ProtocolSchemas.FOLDER.resolve("schemas");
        try (Stream<Path> files = Stream.concat(Files.list(folder.resolve("client")), Files.list(folder.resolve("server")))) {
            Set<String> published = new HashSet<>(files.map(f -> "schemas/" + folder.relativize(f)).toList());
            published.remove("schemas/server/trace-step.json");
            assertThat(referenced).isEqualTo(published);
        }
    }
}

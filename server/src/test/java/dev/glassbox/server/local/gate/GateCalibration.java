package dev.glassbox.server.local.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.MarkdownChunker;
import dev.glassbox.server.local.knowledge.Passage;
import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import dev.glassbox.server.local.knowledge.Retrieval;
import dev.glassbox.server.local.knowledge.WordMeanings;
import dev.glassbox.server.local.understanding.Understanding;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test: the signals PassageChoice's decline gate judges each question of a probe file by, one JSON line per
 * question prefixed "GATE ", so that its thresholds are chosen from data. Run with
 * {@code -Dtest=GateCalibration -Dgate.probe=probe.json}, a probe file being a JSON array of {"id", "question"}.
 */
@EnabledIfSystemProperty(named = "gate.probe", matches = ".+")
class GateCalibration {
    @AutoClose
    private static RepositoryKnowledge docs;

    @Test
    void printTheSignalsOfEachQuestion() throws Exception {
        docs = RepositoryKnowledge.start();
        KnowledgeIndex index = docs.index();
        ObjectMapper json = new ObjectMapper();
        for (JsonNode probe : json.readTree(Path.of(System.getProperty("gate.probe")).toFile())) {
            String question = probe.path("question").asText();
            Understanding understanding = Understanding.of(index, question, question, false);
            if (understanding.intent() != Understanding.Intent.QUESTION) {
                continue;
            }
            Retrieval retrieval = docs.knowledge().retrieve(index, question);
            PassageChoice choice = PassageChoice.of(index, understanding, retrieval.asked(), retrieval.passages(), "");
            ObjectNode row = json.createObjectNode().put("id", probe.path("id").asText()).put("question", question)
                    .put("reason", choice.declineReason());
            ArrayNode terms = row.putArray("terms");
            for (String term : understanding.terms()) {
                float[] meaning = understanding.meanings().get(term);
                terms.addObject().put("term", term).put("word", understanding.words().get(term))
                        .put("idf", index.idf(term)).put("weight", understanding.weight(term))
                        .put("cosine", PassageChoice.cosine(meaning, retrieval.asked()))
                        .put("centrality", PassageChoice.centrality(meaning, retrieval.asked()));
            }
            row.put("unknownNames", understanding.unknownNames().size());
            row.put("docsWords", index.inDocsWords(question));
            row.put("action", understanding.action() == null ? null : understanding.action().form() + " "
                    + understanding.action().named());
            row.set("assessed", json.valueToTree(choice.assessed()));
            row.put("quoted", choice.sources().isEmpty() ? null : choice.sources().get(0).passage().chunk().source());
            double topFused = retrieval.passages().stream().mapToDouble(Passage::fusedScore).max().orElse(1);
            ArrayNode passages = row.putArray("passages");
            for (Passage passage : retrieval.passages()) {
                Set<String> says = index.terms(passage.chunk().indexedText());
                Set<String> sectionSays = index.terms(PassageChoice.sectionText(passage.chunk()));
                String title = passage.chunk().title();
                Set<String> headingSays = index.terms(title.substring(title.lastIndexOf(MarkdownChunker.SEPARATOR) + 1));
                ObjectNode judged = passages.addObject().put("title", passage.chunk().title())
                        .put("source", passage.chunk().source())
                        .put("meaning", passage.meaning(KnowledgeIndex.PIECE_WEIGHT))
                        .put("fused", passage.fusedScore() / topFused)
                        .put("describesAction", understanding.describesAction(index, passage.chunk()))
                        .put("bestPiece", java.util.Arrays.stream(passage.pieceSimilarities()).max().orElse(0));
                ArrayNode credit = judged.putArray("credit");
                ArrayNode sectionWords = judged.putArray("sectionWords");
                ArrayNode closeness = judged.putArray("closeness");
                ArrayNode headingWords = judged.putArray("headingWords");
                for (String term : understanding.terms()) {
                    credit.add(says.contains(term) ? 1.0 : WordMeanings.credit(
                            index.closeness(understanding.meanings().get(term), passage.chunk())));
                    sectionWords.add(sectionSays.contains(term) ? 1 : 0);
                    headingWords.add(headingSays.contains(term) ? 1 : 0);
                    closeness.add(index.closeness(understanding.meanings().get(term), passage.chunk()));
                }
            }
            System.out.println("GATE " + row);
        }
    }
}

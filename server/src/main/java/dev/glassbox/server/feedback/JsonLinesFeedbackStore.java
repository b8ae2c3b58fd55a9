package dev.glassbox.server.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.core.feedback.AnsweredQuestion;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.RecentAnswered;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local server's feedback: entries appended, one JSON object a line, to {@code feedback.jsonl}
 * under the cache folder, so they survive restarts and the {@code report} command can read them.
 * Bounded: past {@code maxFileBytes} the file becomes {@code feedback.jsonl.1}, replacing the one
 * before, so at most two files are kept and the oldest entries go first. Recent answers, needed
 * only while feedback may come, stay in memory.
 */
public final class JsonLinesFeedbackStore implements FeedbackStore {
    public static final String FILE_NAME = "feedback.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Path previous;
    private final long maxFileBytes;
    private final RecentAnswered answers = new RecentAnswered(10_000);

    public JsonLinesFeedbackStore(Path folder, long maxFileBytes) {
        this.file = folder.resolve(FILE_NAME);
        this.previous = folder.resolve(FILE_NAME + ".1");
        this.maxFileBytes = maxFileBytes;
    }

    @Override
    public void rememberAnswer(AnsweredQuestion answered) {
        answers.put(answered);
    }

    /** Answers are remembered in memory; only a declined one is appended to the file. */
    @Override
    public boolean mayBlock(AnsweredQuestion answered) {
        return answered.declined();
    }

    @Override
    public Optional<AnsweredQuestion> answer(String sessionId, String answerId) {
        return answers.get(sessionId, answerId);
    }

    @Override
    public synchronized void record(FeedbackEntry entry) {
        byte[] line = (encode(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file) && Files.size(file) + line.length > maxFileBytes) {
                Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.write(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entries of both files, the latest per key, oldest first; a line that cannot be read is skipped. */
    @Override
    public synchronized List<FeedbackEntry> entries() {
        Map<String, FeedbackEntry> latest = new LinkedHashMap<>();
        for (Path path : List.of(previous, file)) {
            for (String line : lines(path)) {
                FeedbackEntry entry = decode(line);
                if (entry != null) {
                    latest.remove(entry.key());
                    latest.put(entry.key(), entry);
                }
            }
        }
        List<FeedbackEntry> all = new ArrayList<>(latest.values());
        all.sort(Comparator.comparingLong(FeedbackEntry::atMs));
        return all;
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(FeedbackEntry entry) {
        ObjectNode json = JSON.createObjectNode()
                .put("kind", entry.kind())
                .put("sessionId", entry.sessionId())
                .put("answerId", entry.answerId())
                .put("verdict", entry.verdict())
                .put("comment", entry.comment())
                .put("question", entry.question())
                .put("answer", entry.answer())
                .put("atMs", entry.atMs());
        entry.sources().forEach(json.putArray("sources")::add);
        return json.toString();
    }

    private static FeedbackEntry decode(String line) {
        try {
            JsonNode json = JSON.readTree(line);
            List<String> sources = new ArrayList<>();
            json.path("sources").forEach(s -> sources.add(s.asText()));
            return new FeedbackEntry(json.get("kind").asText(), json.get("sessionId").asText(),
                    json.get("answerId").asText(), json.get("verdict").isNull() ? null : json.get("verdict").asText(),
                    json.path("comment").asText(""), json.get("question").asText(), json.path("answer").asText(""),
                    sources, json.get("atMs").asLong());
        } catch (IOException | RuntimeException e) {
            return null; // a torn last line after a crash, or a line edited by hand
        }
    }
}

package dev.glassbox.core.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Turns one client text frame into a {@link ClientMessage}, or a {@link ProtocolException} whose
 * message tells a person exactly what was wrong. Unknown fields are ignored so that newer clients
 * still talk to older servers.
 */
public final class ClientMessageParser {
    /** Combining marks on one character; more in a row are refused (see {@link #longestRunOfMarks}). */
    static final int MAX_MARKS_IN_A_ROW = 30;
    /** Objects and arrays in one another: a message of protocol v1 needs one. */
    private static final int MAX_NESTING = 16;
    /** No number of protocol v1 needs more (seq and after fit 10 digits); Jackson's own limit is 1,000. */
    private static final int MAX_NUMBER_DIGITS = 100;
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxStringLength(ProtocolLimits.MAX_FRAME_BYTES)
                    .build())
            .build())
            // {"action":"ping"} {"x":1} is one bad frame, not a ping followed by noise.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public ClientMessage parse(String frame) throws ProtocolException {
        if (frame.length() > ProtocolLimits.MAX_FRAME_BYTES
                || frame.getBytes(StandardCharsets.UTF_8).length > ProtocolLimits.MAX_FRAME_BYTES) {
            throw error(ErrorCode.TOO_LARGE,
                    "The message is larger than " + ProtocolLimits.MAX_FRAME_BYTES / 1024 + " KB.", null);
        }
        JsonNode root = readTree(frame);
        if (!root.isObject()) {
            throw error(ErrorCode.BAD_REQUEST, "A message must be a JSON object with an \"action\".", null);
        }
        String id = root.path("id").isTextual() ? root.get("id").textValue() : null;
        String safeId = id != null && ProtocolLimits.ANSWER_ID.matcher(id).matches() ? id : null;
        JsonNode action = root.get("action");
        if (action == null || action.isNull()) {
            throw error(ErrorCode.BAD_REQUEST,
                    "The message has no \"action\"; use ask, cancel, resume, feedback or ping.", safeId);
        }
        if (!action.isTextual()) {
            throw error(ErrorCode.BAD_REQUEST, "\"action\" must be a string: ask, cancel, resume, feedback or ping.", safeId);
        }
        switch (action.textValue()) {
            case "ask":
                return new ClientMessage.Ask(answerId(root), optionalSessionId(root, safeId), question(root, safeId));
            case "cancel":
                return new ClientMessage.Cancel(answerId(root));
            case "resume":
                return new ClientMessage.Resume(answerId(root), optionalSessionId(root, safeId), after(root, safeId));
            case "ping":
                return new ClientMessage.Ping();
            case "feedback":
                return new ClientMessage.Feedback(answerId(root), optionalSessionId(root, safeId),
                        verdict(root, safeId), comment(root, safeId));
            default:
                throw error(ErrorCode.BAD_REQUEST, "Unknown action \"" + printable(action.textValue())
                        + "\"; use ask, cancel, resume, feedback or ping.", safeId);
        }
    }

    private static JsonNode readTree(String frame) throws ProtocolException {
        try {
            JsonNode root = MAPPER.readTree(frame);
            if (root == null || root.isMissingNode()) {
                throw error(ErrorCode.BAD_REQUEST, "The message is empty; send a JSON object.", null);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw error(ErrorCode.BAD_REQUEST, notJson(e), null);
        }
    }

    /**
     * What was wrong with a frame that is not one JSON value, for a person: Jackson's own messages name its
     * classes and settings, which say nothing to a visitor and more than needed about the server.
     */
    private static String notJson(JsonProcessingException e) {
        String example = " Send one JSON object, such as {\"action\":\"ping\"}.";
        if (e instanceof StreamConstraintsException) {
            // Jackson says which limit only in its message's words: name both, so neither is misreported.
            return "The message nests objects or arrays more than " + MAX_NESTING + " deep, or holds a number of "
                    + "more than " + MAX_NUMBER_DIGITS + " digits." + example;
        }
        if (e instanceof MismatchedInputException) { // FAIL_ON_TRAILING_TOKENS: a second value after the first
            return "The message holds more than one JSON value." + example;
        }
        if (e instanceof JsonEOFException) {
            return "The message ends before its JSON does (an object or a string is not closed)." + example;
        }
        String name = e.getProcessor() instanceof JsonParser parser ? currentName(parser) : null;
        if (name != null && e.getOriginalMessage().startsWith("Duplicate field")) {
            return "The message names the field \"" + printable(name) + "\" twice." + example;
        }
        long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        return "The message is not valid JSON" + (at >= 0 ? " (near character " + (at + 1) + ")" : "") + "." + example;
    }

    private static String currentName(JsonParser parser) {
        try {
            return parser.currentName();
        } catch (IOException closed) {
            return null;
        }
    }

    private static String answerId(JsonNode root) throws ProtocolException {
        JsonNode id = root.get("id");
        if (id == null || id.isNull()) {
            throw error(ErrorCode.BAD_REQUEST, "The message needs an \"id\" naming the answer.", null);
        }
        if (!id.isTextual()) {
            throw error(ErrorCode.BAD_REQUEST, "\"id\" must be a string.", null);
        }
        if (!ProtocolLimits.ANSWER_ID.matcher(id.textValue()).matches()) {
            throw error(ErrorCode.BAD_REQUEST,
                    "\"id\" must be 1 to 64 characters of letters, digits, '.', '_', ':' or '-'.", null);
        }
        return id.textValue();
    }

    private static String optionalSessionId(JsonNode root, String id) throws ProtocolException {
        JsonNode session = root.get("sessionId");
        if (session == null || session.isNull()) {
            return null;
        }
        if (!session.isTextual() || !ProtocolLimits.SESSION_ID.matcher(session.textValue()).matches()) {
            throw error(ErrorCode.BAD_REQUEST,
                    "\"sessionId\" must be 2 to 100 characters of letters, digits, '.', '_', ':' or '-'.", id);
        }
        return session.textValue();
    }

    private static String question(JsonNode root, String id) throws ProtocolException {
        JsonNode text = root.get("text");
        if (text == null || text.isNull()) {
            throw error(ErrorCode.BAD_REQUEST, "An ask needs a \"text\": the question.", id);
        }
        if (!text.isTextual()) {
            throw error(ErrorCode.BAD_REQUEST, "\"text\" must be a string.", id);
        }
        String question = text.textValue().strip();
        if (question.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp))) {
            throw error(ErrorCode.BAD_REQUEST, "The question is empty.", id);
        }
        if (question.length() > ProtocolLimits.MAX_QUESTION_CHARS) {
            throw error(ErrorCode.TOO_LARGE, "The question has " + question.length() + " characters; the limit is "
                    + ProtocolLimits.MAX_QUESTION_CHARS + ".", id);
        }
        if (hasLoneSurrogate(question)) {
            throw error(ErrorCode.BAD_REQUEST,
                    "The question contains a broken character (an unpaired UTF-16 surrogate).", id);
        }
        if (longestRunOfMarks(question) > MAX_MARKS_IN_A_ROW) {
            throw error(ErrorCode.BAD_REQUEST, "The question stacks more than " + MAX_MARKS_IN_A_ROW
                    + " combining marks (accents, variation selectors) on one character; please ask in plain text.", id);
        }
        // every backend would search for or send nothing: U+FFFD, zero-width characters, "?!", and letters whose
        // compatibility form (NFKC, as the agents read text) is only a space and a combining mark, such as U+037A
        if (Normalizer.normalize(question, Normalizer.Form.NFKC).codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw error(ErrorCode.BAD_REQUEST, "The question has no letters or digits to search for; please ask in words.",
                    id);
        }
        return question;
    }

    private static String verdict(JsonNode root, String id) throws ProtocolException {
        JsonNode verdict = root.get("verdict");
        if (verdict == null || !verdict.isTextual()
                || !(verdict.textValue().equals("up") || verdict.textValue().equals("down"))) {
            throw error(ErrorCode.BAD_REQUEST, "Feedback needs a \"verdict\": \"up\" or \"down\".", id);
        }
        return verdict.textValue();
    }

    private static String comment(JsonNode root, String id) throws ProtocolException {
        JsonNode comment = root.get("comment");
        if (comment == null || comment.isNull()) {
            return "";
        }
        if (!comment.isTextual()) {
            throw error(ErrorCode.BAD_REQUEST, "\"comment\" must be a string.", id);
        }
        String text = comment.textValue().strip();
        if (text.length() > ProtocolLimits.MAX_FEEDBACK_COMMENT_CHARS) {
            throw error(ErrorCode.TOO_LARGE, "The comment has " + text.length() + " characters; the limit is "
                    + ProtocolLimits.MAX_FEEDBACK_COMMENT_CHARS + ".", id);
        }
        if (hasLoneSurrogate(text)) {
            throw error(ErrorCode.BAD_REQUEST,
                    "The comment contains a broken character (an unpaired UTF-16 surrogate).", id);
        }
        return text;
    }

    private static long after(JsonNode root, String id) throws ProtocolException {
        JsonNode after = root.get("after");
        if (after == null || after.isNull()) {
            return -1;
        }
        // seq numbers are ints: a larger "after" is no seq this server sent.
        if (!after.canConvertToExactIntegral() || !after.canConvertToLong() || after.asLong() < -1
                || after.asLong() > Integer.MAX_VALUE) {
            throw error(ErrorCode.BAD_REQUEST, "\"after\" must be the last seq you received: a whole number "
                    + "from -1 to " + Integer.MAX_VALUE + ".", id);
        }
        return after.asLong();
    }

    /**
     * The most combining marks one after another. Regex word boundaries look back over every mark to find
     * its base letter, so each long run cost the local agent's many patterns quadratic time: 3,990 accents
     * on one letter took 6 to 9 s of CPU. Text in any language needs few (Unicode's stream-safe limit is 30).
     */
    static int longestRunOfMarks(String s) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            int type = Character.getType(s.codePointAt(i));
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK;
            run = mark ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Echoes client text back safely: short, and without controls or broken characters. */
    private static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(cp -> out.appendCodePoint(
                Character.isISOControl(cp) || Character.isSurrogate((char) cp) && cp < 0x10000 ? '?' : cp));
        return out.toString();
    }

    private static ProtocolException error(ErrorCode code, String message, String id) {
        return new ProtocolException(code, message, id);
    }
}

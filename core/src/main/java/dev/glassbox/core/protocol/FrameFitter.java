package dev.glassbox.core.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Keeps an event within one frame. Halves the longest string (marking the cut with "…") or, when
 * no long string is left, drops the last element of the longest array, until the JSON fits.
 */
final class FrameFitter {
    private static final String CUT = "…";
    private static final int SHORTEST_WORTH_CUTTING = 16;
    /** Fields a client routes on; shortening them would corrupt the event rather than abridge it. */
    private static final Set<String> IDENTIFYING = Set.of("type", "id", "sessionId", "code", "kind", "stopReason");

    private FrameFitter() {
    }

    /** {@code json}, an event as written, if it fits a frame; else the event read back and shortened until it fits. */
    static String fit(String json) {
        // At most three bytes a character: most events are known to fit without counting.
        if (json.length() * 3 <= ProtocolLimits.MAX_FRAME_BYTES || utf8Length(json) <= ProtocolLimits.MAX_FRAME_BYTES) {
            return json;
        }
        ObjectNode event = (ObjectNode) EventEncoder.read(json);
        while (utf8Length(json) > ProtocolLimits.MAX_FRAME_BYTES) {
            if (!halveLongestString(event) && !dropFromLongestArray(event)) {
                throw new IllegalStateException("event cannot be made to fit a frame: " + event.fieldNames());
            }
            json = EventEncoder.write(event);
        }
        return json;
    }

    /** The length of {@code text} in UTF-8, counted without encoding it. */
    static int utf8Length(CharSequence text) {
        int bytes = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                // two bytes up to U+07FF, three above; a surrogate pair's four bytes are two for each half
                bytes += c < 0x800 || Character.isSurrogate(c) ? 1 : 2;
            }
        }
        return bytes;
    }

    private static boolean halveLongestString(ObjectNode root) {
        Slot longest = new Slot();
        findLongestString(root, longest);
        if (longest.length < SHORTEST_WORTH_CUTTING) {
            return false;
        }
        String text = longest.container.isObject()
                ? longest.container.get(longest.field).textValue()
                : longest.container.get(longest.index).textValue();
        int end = text.length() / 2;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        TextNode shorter = TextNode.valueOf(text.substring(0, end) + CUT);
        if (longest.container instanceof ObjectNode object) {
            object.set(longest.field, shorter);
        } else {
            ((ArrayNode) longest.container).set(longest.index, shorter);
        }
        return true;
    }

    private static void findLongestString(JsonNode node, Slot longest) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode child = field.getValue();
                if (child.isTextual()) {
                    if (child.textValue().length() > longest.length && !IDENTIFYING.contains(field.getKey())) {
                        longest.set(object, field.getKey(), -1, child.textValue().length());
                    }
                } else {
                    findLongestString(child, longest);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode child = array.get(i);
                if (child.isTextual() && child.textValue().length() > longest.length) {
                    longest.set(array, null, i, child.textValue().length());
                } else {
                    findLongestString(child, longest);
                }
            }
        }
    }

    private static boolean dropFromLongestArray(JsonNode root) {
        ArrayNode longest = longestArray(root, null);
        if (longest == null || longest.isEmpty()) {
            return false;
        }
        longest.remove(longest.size() - 1);
        return true;
    }

    private static ArrayNode longestArray(JsonNode node, ArrayNode best) {
        if (node instanceof ArrayNode array && (best == null || array.size() > best.size())) {
            best = array;
        }
        for (JsonNode child : node) {
            best = longestArray(child, best);
        }
        return best;
    }

    /** Where the longest string found so far lives. */
    private static final class Slot {
        JsonNode container;
        String field;
        int index;
        int length;

        void set(JsonNode container, String field, int index, int length) {
            this.container = container;
            this.field = field;
            this.index = index;
            this.length = length;
        }
    }
}

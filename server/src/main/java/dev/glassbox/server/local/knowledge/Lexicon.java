package dev.glassbox.server.local.knowledge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole words of the embedder's vocabulary (BERT's uncased WordPiece vocabulary, read from the model's
 * tokenizer file): a lower-case word of the question that the docs never use is an ordinary English word
 * when it is one of them, a simple inflection of one, or two of them run together ("offline", "sidebar"),
 * and else most likely a name ("kubernetes", "memcached"). Each word keeps its id, which runs roughly in order
 * of how common the word is in English ("the" 1996, "different" 2367, "slack" 19840). Empty when the tokenizer
 * file cannot be read, which only turns this reading off.
 */
public final class Lexicon {
    /** Numbers written as words, as a regular expression's alternatives: they count as digits do ("seven alarms"). */
    public static final String NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
            + "|thirty|forty|fifty|hundred|thousand|dozen";
    private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final int SHORTEST_PART = 3;
    private static final Map<String, Integer> WORDS = load();

    private Lexicon() {
    }

    /** The word's id in the vocabulary, roughly its rank by how common it is; none for a word not in it. */
    public static java.util.OptionalInt rank(String word) {
        Integer id = WORDS.get(word);
        return id == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(id);
    }

    public static boolean ordinary(String word) {
        if (whole(word)) {
            return true;
        }
        for (int cut = SHORTEST_PART; cut <= word.length() - SHORTEST_PART; cut++) {
            if (WORDS.containsKey(word.substring(0, cut)) && WORDS.containsKey(word.substring(cut))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the word is an adjective with a comparative and a superlative in the vocabulary ("older", "oldest"), or
     * one of those: it grades a thing ("an old laptop", "the biggest chunk") rather than naming a kind of it ("a team
     * plan"). Both forms, as a noun that does something has an -er form too ("planner").
     */
    public static boolean gradable(String word) {
        String base = word.replaceFirst("(?:er|est)$", "");
        return Stream.of(word, base, base + "e", base.replaceFirst("(\\p{L})\\1$", "$1"),
                base.replaceFirst("i$", "y")).filter(stem -> stem.length() >= SHORTEST_PART).anyMatch(stem ->
                comparative(stem, "er") && comparative(stem, "est"));
    }

    /**
     * Whether a word is an adverb of manner: an English word with -ly or -ally added ("cleanly", "basically"), which
     * says how, not what.
     */
    public static boolean adverb(String word) {
        return word.endsWith("ly") && word.length() > SHORTEST_ADVERB
                && (whole(word.substring(0, word.length() - 2))
                || word.endsWith("ally") && whole(word.substring(0, word.length() - 4)));
    }

    /** The shortest -ly adverb: "reply" and "apply" are no adverbs of "rep" and "app". */
    private static final int SHORTEST_ADVERB = 5;

    /** Whether the vocabulary has the adjective with the ending: "bigger" of "big", "easier" of "easy". */
    private static boolean comparative(String adjective, String ending) {
        String last = adjective.substring(adjective.length() - 1);
        return Stream.of(adjective + ending, adjective.endsWith("e") ? adjective + ending.substring(1) : "",
                adjective + last + ending, adjective.endsWith("y")
                ? adjective.substring(0, adjective.length() - 1) + "i" + ending : "").anyMatch(WORDS::containsKey);
    }

    /**
     * Whether the word is one word of the vocabulary, spelt either way ({@link Spellings}), or a simple
     * inflection or derivation of one: a comparative or superlative ("cheapest", "pricier", "bigger") or a verb
     * made of it ("initialise", "summarize"). Not two words run together.
     */
    public static boolean whole(String word) {
        if (WORDS.isEmpty() || WORDS.containsKey(word) || Spellings.others(word).stream().anyMatch(WORDS::containsKey)) {
            return true;
        }
        for (String ending : ENDINGS) {
            String stem = word.substring(0, Math.max(0, word.length() - ending.length()));
            if (word.endsWith(ending) && stem.length() >= SHORTEST_PART && bases(stem).anyMatch(WORDS::containsKey)) {
                return true;
            }
        }
        return false;
    }

    /** Inflections, and the endings of comparison and of verbs made of nouns and adjectives, longest first. */
    private static final List<String> ENDINGS = List.of("isations", "izations", "isation", "ization", "ising",
            "izing", "ised", "ized", "ises", "izes", "ise", "ize", "iest", "ier", "est", "ers", "ing", "es", "ed",
            "er", "ly", "s", "d");

    /**
     * What a word was before an ending: the stem itself, with a doubled last consonant single ("bigg" of
     * "bigger"), with the letters an ending replaces ("pric" of "pricier" was "pricy" or "price", "summar" of
     * "summarise" was "summary"), or as the adjective or noun of a verb made with -ise ("optimal", "optimization"
     * of "optimise").
     */
    private static Stream<String> bases(String stem) {
        int last = stem.length() - 1;
        String single = stem.charAt(last) == stem.charAt(last - 1) ? stem.substring(0, last) : stem;
        return Stream.of(stem, single, stem + "e", stem + "y", stem + "ey", stem + "al",
                stem + "ization");
    }

    private static Map<String, Integer> load() {
        try (java.io.InputStream in = Lexicon.class.getResourceAsStream(TOKENIZER)) {
            if (in == null) {
                return Map.of();
            }
            // Streamed: building the whole 700 KB document as a tree cost a tenth of a second at each start.
            try (JsonParser json = new JsonFactory()
                    .createParser(in)) {
                Map<String, Integer> words = new java.util.HashMap<>();
                if (json.nextToken() == JsonToken.START_OBJECT
                        && enter(json, "model") && enter(json, "vocab")) {
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String token = json.currentName();
                        json.nextToken();
                        if (lettersOnly(token)) {
                            words.put(token, json.getIntValue());
                        }
                    }
                }
                return Map.copyOf(words);
            }
        } catch (java.io.IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static boolean lettersOnly(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (!Character.isLetter(token.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Moves into the object value of {@code field} of the object the parser is in, skipping the others. */
    private static boolean enter(JsonParser json, String field) throws java.io.IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken value = json.nextToken();
            if (field.equals(json.currentName()) && value == JsonToken.START_OBJECT) {
                return true;
            }
            json.skipChildren();
        }
        return false;
    }
}

package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.Quotables;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a number measures (a price, a duration, a size, a count, or none of them: a port, a status code, a date),
 * and which of these a question asks for, so that a sentence with a number of another kind (a price for a
 * how-many question, a size for a how-long-does-it-wait one) is not taken for the answer.
 */
final class Measures {
    enum Measure {
        MONEY("a price"), DURATION("a duration"), SIZE("a size"), COUNT("a count"),
        /** A share or a ratio: "12 %", "0.88 times", "1.06x". */
        RATIO("a ratio"),
        /** How often: "one every 3 seconds", "60 a minute". Its interval is no duration asked for. */
        RATE("a rate"),
        /** A number that names rather than measures: "port 8080", "code 1013", "UTF-8", "2026-12-02", "19:15". */
        LABEL("a label");

        final String what;

        Measure(String what) {
            this.what = what;
        }
    }

    /** The measures any number may answer when the question names none. */
    static final Set<Measure> ANY = EnumSet.of(Measure.MONEY, Measure.DURATION, Measure.SIZE, Measure.COUNT,
            Measure.RATE);
    private static final Pattern NUMBER = Pattern.compile("\\d(?:[\\d,.]*\\d)?");
    private static final Pattern MONEY_BEFORE = Pattern.compile("\\$\\s?$");
    private static final Pattern MONEY_AFTER = Pattern.compile("\\s*(?:USD|cents?)\\b");
    /**
     * A price of nothing said in words: "cost nothing", "bills nothing". ("Are free" is left out: it is said as often of
     * a neighbour of the thing asked about, "API Gateway's own metrics are free" beside the custom metrics that bill.)
     */
    private static final Pattern FREE = Pattern.compile("(?i)\\b(?:costs?|costing|bills?|charges?) nothing\\b");
    /** The value of a setting named for its unit: "(GLASSBOX_DAILY_BUDGET_USD, 1 by default)", "…_TIMEOUT_MS=500". */
    private static final Pattern SETTING_UNIT = Pattern.compile("[A-Z0-9]_(USD|MS|BYTES)[,=:]?\\s{0,2}$");
    private static final Pattern SETTING_VALUE = Pattern.compile("[A-Z0-9]_(?:USD|MS|BYTES)[,=:]?\\s{0,2}\\d");
    /** What a naming number follows: part of a word or a code ("UTF-8", "x86"), or a word that names by number. */
    private static final Pattern LABEL_BEFORE = Pattern.compile("(?i)(?:[\\p{L}_/#:.-]|\\b(?:port|code|"
            + "status|version|revision|round|step|line|item|RFC|HTTP|v)\\s?)$");
    /** What a naming number runs into: a date ("2026-12"), a time of day ("19:15"). */
    private static final Pattern LABEL_AFTER = Pattern.compile("-\\d\\d-\\d\\d|:\\d\\d");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final Pattern DURATION_AFTER = Pattern.compile("(?i)\\s*-?\\s*(?:ms|milliseconds?|s|secs?|"
            + "seconds?|min|minutes?|hours?|h|days?|weeks?|months?|years?|µs)\\b");
    /**
     * The interval of a rate that allows so many: "one every 3 seconds", "one more every 6 s" (not "pings every 30
     * seconds", how long between two).
     */
    private static final Pattern INTERVAL_BEFORE = Pattern.compile("(?i)\\b(?:one|\\d+)(?: more)?\\s+(?:[\\p{L}-]+\\s+)?"
            + "every\\s+$");
    /** A count in an interval: "60 a minute", "20 token messages per second". */
    private static final Pattern PER_INTERVAL_AFTER = Pattern.compile("(?i)\\s*(?:[\\p{L}-]+\\s+){0,2}?(?:a|an|per|"
            + "each|every)\\s+(?:second|minute|hour|day)\\b");
    /** A question about how often: it asks for a rate. */
    private static final Pattern ASKS_RATE = Pattern.compile("(?i)\\bhow (?:often|fast|frequently)\\b|\\brates?\\b|"
            + "\\b(?:per|a|an|every|each) (?:second|minute|hour|day)\\b");
    /** A question about the time between two of something. */
    private static final Pattern BETWEEN = Pattern.compile("(?i)\\b(?:between|in between|wait before|apart|until the "
            + "next|before the next)\\b");
    private static final Pattern SIZE_AFTER = Pattern.compile("\\s*-?\\s*(?:bytes?|[KMG]i?B|kB)\\b");
    /**
     * Units of text, which a how-many question counts and a how-long or how-big one measures; in the plural, since
     * "20 token messages" counts messages.
     */
    private static final Pattern TEXT_AFTER = Pattern.compile("(?i)\\s*(?:characters|words|word pieces|tokens|"
            + "dimensions|lines)\\b");
    private static final Pattern RANGE = Pattern.compile("\\s*(?:,|to|and|or|-|–)\\s*\\$?\\d(?:[\\d,.]*\\d)?");
    private static final Pattern RATIO_AFTER = Pattern.compile("(?i)\\s*(?:%|percent\\b|times\\b|x\\b)");
    /** A question that compares: a ratio answers it too ("0.88 times the bare writer's"). */
    private static final Pattern COMPARES = Pattern.compile("(?i)\\b(?:compared? (?:with|to)|than|relative to|"
            + "versus|vs\\.?|against|overhead)\\b");
    private static final Pattern HOW_LONG = Pattern.compile("(?i)\\bhow long\\b");
    /**
     * "The longest question", "the shortest an answer is kept": a superlative names what it measures after it, a
     * duration only when that takes time ("the longest timeout", "the longest an answer can run").
     */
    private static final Pattern LONGEST = Pattern.compile("(?i)\\b(?:long|short)est\\b");
    /**
     * "How long does the server remember …", "how long did it take": "do" carries the tense of another verb, which
     * something does for a time; a thing's length is asked with "is" or "be".
     */
    private static final Pattern DOES = Pattern.compile("(?i)^\\s*(?:do|does|did|doesn't|don't)\\b");
    /** Words of being and modals: "how long is …", "how long can … be" asks a length unless another verb follows. */
    private static final Pattern BEING = Pattern.compile("(?i)\\b(?:is|are|was|were|be|been|can|could|may|might|"
            + "must|should|will|would|do|does|did)\\b");
    /** What takes time: a how-long question about it asks for a duration. */
    private static final Pattern TIME_WORDS = Pattern.compile("(?i)\\b(?:wait\\w*|tim(?:e|es|ed|ing)(?: out)?|"
            + "timeouts?|take|takes|last|lasts|stay|stays|kept|keep|keeps|run|runs|expire\\w*|delay\\w*|pause\\w*|"
            + "grace|idle|live|lives|start\\w*|boot\\w*|before|after|until|retain\\w*|held|hold|remain\\w*)\\b");

    private Measures() {
    }

    /**
     * What an answering number looks like when a how-many question counts a unit ("how many seconds …", "how many MB
     * …"): an amount of that unit's measure, not a count; null when the word is no unit of time or size.
     */
    static Pattern amountIn(String unit) {
        for (Pattern after : List.of(DURATION_AFTER, SIZE_AFTER)) {
            if (after.matcher(unit).matches()) {
                return Pattern.compile(NUMBER.pattern() + after.pattern());
            }
        }
        return null;
    }

    /**
     * What the question asks a number of, given what an answering number looks like ({@link Understanding#amount}):
     * the measures such a number can be; a count for a how-many question that names no unit; and for "how long",
     * a duration when something waits, runs or is kept, else a length; and a ratio too when it compares.
     */
    static Set<Measure> asked(Pattern amount, String question, boolean howMany) {
        Set<Measure> asked = EnumSet.noneOf(Measure.class);
        if (amount.matcher("5").find()) {
            // Any number answers: the question names no unit.
            asked.addAll(howMany ? EnumSet.of(Measure.COUNT) : ANY);
        } else {
            if (amount.matcher("$5").find()) {
                asked.add(Measure.MONEY);
            }
            if (amount.matcher("5 seconds").find()) {
                asked.add(Measure.DURATION);
            }
            if (amount.matcher("5 KB").find()) {
                asked.add(Measure.SIZE);
            }
        }
        Matcher howLong = HOW_LONG.matcher(question);
        if (asked.contains(Measure.DURATION) && asked.contains(Measure.SIZE) && howLong.find()
                && !asked.contains(Measure.COUNT)) {
            String after = question.substring(howLong.end());
            String rest = BEING.matcher(after).replaceAll(" ");
            asked.remove(DOES.matcher(after).lookingAt() || TIME_WORDS.matcher(rest).find() || Quotables.hasVerb(rest)
                    ? Measure.SIZE : Measure.DURATION);
        }
        Matcher longest = LONGEST.matcher(question);
        if (asked.contains(Measure.DURATION) && asked.contains(Measure.SIZE) && longest.find()
                && !asked.contains(Measure.COUNT)) {
            asked.remove(TIME_WORDS.matcher(question.substring(longest.end())).find() ? Measure.SIZE : Measure.DURATION);
        }
        if (COMPARES.matcher(question).find()) {
            asked.add(Measure.RATIO);
        }
        if (ASKS_RATE.matcher(question).find()
                || asked.contains(Measure.DURATION) && BETWEEN.matcher(question).find()) {
            // How long between two is a rate's interval too: "one every 3 seconds".
            asked.add(Measure.RATE);
        }
        return asked;
    }

    /**
     * Whether the sentence states one of the {@code asked} measures: it has a number that {@code amount} matches (or a setting's value in the unit the setting is named for) and
     * that measures one of them, and not more than twice as many numbers that measure something else (a sentence
     * about prices and durations that mentions a size in passing is no answer to how big something is).
     */
    static boolean states(Pattern amount, Set<Measure> asked, String sentence) {
        if (!amount.matcher(sentence).find() && !SETTING_VALUE.matcher(sentence).find()) {
            return false;
        }
        int of = 0;
        int other = 0;
        for (Set<Measure> measures : numbers(sentence)) {
            if (measures.stream().anyMatch(asked::contains)) {
                of++;
            } else if (!measures.contains(Measure.LABEL)) {
                other++;
            }
        }
        return of > 0 && of * 2 >= other;
    }

    /** Whether the sentence says in words that something costs nothing. */
    static boolean free(String sentence) {
        return FREE.matcher(sentence).find();
    }

    /** Whether the sentence has a number that measures something (one that is no label such as a port or a date). */
    static boolean measuresAny(String sentence) {
        return numbers(sentence).stream().anyMatch(measures -> !measures.contains(Measure.LABEL));
    }

    /** What each number of the sentence measures, in order; a version number is a label. */
    private static List<Set<Measure>> numbers(String sentence) {
        List<Set<Measure>> numbers = new ArrayList<>();
        Matcher number = NUMBER.matcher(sentence);
        while (number.find()) {
            if (number.start() > 0 && Character.isLetterOrDigit(sentence.charAt(number.start() - 1))) {
                // Digits inside a name ("x86", "H2"): no number.
                continue;
            }
            numbers.add(VERSION.matcher(number.group()).matches() ? EnumSet.of(Measure.LABEL)
                    : of(sentence.substring(0, number.start()), sentence.substring(number.end())));
        }
        return numbers;
    }

    /** What a number measures, by what comes before it and after it in its sentence. */
    static Set<Measure> of(String before, String after) {
        if (MONEY_BEFORE.matcher(before).find() || MONEY_AFTER.matcher(after).lookingAt()) {
            return EnumSet.of(Measure.MONEY);
        }
        Matcher setting = SETTING_UNIT.matcher(before);
        if (setting.find()) {
            return EnumSet.of(switch (setting.group(1)) {
                case "USD" -> Measure.MONEY;
                case "MS" -> Measure.DURATION;
                default -> Measure.SIZE;
            });
        }
        if (LABEL_BEFORE.matcher(before).find() || LABEL_AFTER.matcher(after).lookingAt()) {
            return EnumSet.of(Measure.LABEL);
        }
        Matcher range = RANGE.matcher(after);
        if (range.lookingAt()) {
            // "1.2 to 3.6 seconds", "355 and 281 MB": the unit of the range's last number is this one's too.
            return of(before, after.substring(range.end()));
        }
        if (INTERVAL_BEFORE.matcher(before).find()) {
            return EnumSet.of(Measure.RATE);
        }
        if (DURATION_AFTER.matcher(after).lookingAt()) {
            return EnumSet.of(Measure.DURATION);
        }
        if (SIZE_AFTER.matcher(after).lookingAt()) {
            return EnumSet.of(Measure.SIZE);
        }
        if (PER_INTERVAL_AFTER.matcher(after).lookingAt()) {
            // So many in a time: how many, and how often, but not how long.
            return EnumSet.of(Measure.RATE, Measure.COUNT);
        }
        if (TEXT_AFTER.matcher(after).lookingAt()) {
            return EnumSet.of(Measure.SIZE, Measure.COUNT);
        }
        return RATIO_AFTER.matcher(after).lookingAt() ? EnumSet.of(Measure.RATIO) : EnumSet.of(Measure.COUNT);
    }

    /** The measures in words: "a duration", "a price or a size". */
    static String describe(Set<Measure> measures) {
        return String.join(" or ", measures.stream().map(m -> m.what).toList());
    }
}

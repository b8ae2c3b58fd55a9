package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question about an amount says the amount is for, beyond its unit: a quantity of things ("for 1,000
 * answers", "a thousand questions"), everything counted together ("all in", "in total"), or for a price, the rare
 * names it is the price of ("with Claude Sonnet 4"). A sentence whose amount is
 * a per-unit price or a part of the total ("$3.00 per million tokens", "in model charges") is then not the amount
 * asked for, when another sentence states it for that quantity ("$11.55 per 1,000 answers") or as a total. A
 * time the amount is counted over ("per day", "monthly") rules out a sentence that counts it over another time only.
 */
final class AmountQualifier {
    /** "1,000 answers", "a thousand idle sockets": a number and what it counts (in the plural), up to one word apart. */
    private static final Pattern QUANTITY = Pattern.compile("(?i)(?<![\\w$.,])(\\d{1,3}(?:,\\d{3}){1,4}|\\d{1,15}|(?:a |one )?(?:hundred|"
            + "thousand|million))\\s+(?:[\\p{L}-]+\\s+)?(\\p{L}{3,}s)\\b");
    private static final Pattern TOTAL_ASKED = Pattern.compile("(?i)\\b(?:in total|all in|all-in|altogether|total|"
            + "overall|all told|in all|everything (?:included|counted))\\b");
    /** How the docs say an amount counts everything: "counting the model, the guardrail … together". */
    private static final Pattern TOTAL_STATED = Pattern.compile("(?i)\\b(?:together|in total|in all|total|all in|"
            + "altogether)\\b");

    /** "Per day", "a month", "daily": the time an amount is counted over ("a second start" is no time). */
    private static final Pattern PERIOD_ASKED = Pattern.compile("(?i)\\b(?:per|a|an|each|every)\\s+((?<=(?:per|each|"
            + "every)\\s)second|second(?!\\s+\\p{L})|minute|hour|day|week|month|year)\\b|\\b(hour|dai|week|month|year)ly\\b");
    /** How the docs state the time an amount is counted over: "per month", "a day", "daily", "the day's". */
    private static final String PERIOD_STATED = "(?i)\\b(?:(?:per|a|an|each|every|the)\\s+(?:%1$s)\\b|(?:%2$s)\\b|(?:%1$s)'s\\b)";
    private static final Pattern ANY_PERIOD = period("second|minute|hour|day|week|month|year",
            "hourly|daily|weekly|monthly|yearly");
    /**
     * What a price is asked for: up to four words after "with", "on", "using", "for" or "via" ("with Claude Sonnet 4",
     * "on claude haiku"), written in any case, up to a small word; not a name the question sets it against
     * ("instead of OpenSearch"). Which of them name something is told by their rarity in the docs.
     */
    private static final Pattern NAME = Pattern.compile("(?i)\\b(?:with|on|using|for|via)\\s+((?:(?!(?:a|an|the|per|"
            + "each|every|in|of|at|and|or|to|by|if|when|than|vs)\\b)[\\p{L}\\d][\\p{L}\\d.-]*\\s*){1,4})");
    /**
     * A name qualifies a price only when few passages use it (its idf is at least this): the project's own name, in
     * most of them, says nothing about which price is meant.
     */
    private static final double RARE_NAME = 2;

    /** What the sentence must state beside the amount: the quantity, as the docs may write it; or null. */
    private final Pattern quantity;
    /** The time the amount is asked over, as the docs may write it ("a day", "daily", "the day's"); or null. */
    private final Pattern period;
    private final boolean total;
    /** The terms of the names a price is asked for; empty when none. */
    private final Set<String> names;

    private AmountQualifier(Pattern quantity, Pattern period, boolean total, Set<String> names) {
        this.quantity = quantity;
        this.period = period;
        this.total = total;
        this.names = names;
    }

    /**
     * The question's qualifier, or null when it names none.
     *
     * @param price whether the question asks for a price: only a price is qualified by names
     */
    static AmountQualifier of(KnowledgeIndex index, String question, boolean price) {
        Matcher asked = QUANTITY.matcher(question);
        Pattern quantity = null;
        if (asked.find()) {
            long number = number(asked.group(1));
            String counted = Pattern.quote(asked.group(2).replaceFirst("(?i)e?s$", ""));
            String written = String.join("|", Pattern.quote(String.format(Locale.ROOT, "%,d", number)),
                    Pattern.quote(Long.toString(number)), "(?:a|one) " + Pattern.quote(words(number)));
            quantity = Pattern.compile("(?i)(?<![\\d.,])(?:" + written + ")\\s+(?:[\\p{L}-]+\\s+)?" + counted + "\\w*");
        }
        Matcher over = PERIOD_ASKED.matcher(question);
        Pattern period = null;
        if (over.find()) {
            String unit = over.group(1) != null ? over.group(1).toLowerCase(Locale.ROOT)
                    : over.group(2).toLowerCase(Locale.ROOT).replace("dai", "day");
            period = period(unit, unit.equals("day") ? "daily" : unit + "ly");
        }
        boolean total = TOTAL_ASKED.matcher(question).find();
        Set<String> names = new HashSet<>();
        Matcher name = NAME.matcher(question);
        while (price && name.find()) {
            // A word the docs never use names nothing they price ("1000" of "for 1000 answers", written "1,000").
            index.terms(name.group(1)).stream().filter(t -> index.uses(t) && index.idf(t) >= RARE_NAME)
                    .forEach(names::add);
        }
        return quantity == null && period == null && !total && names.isEmpty() ? null
                : new AmountQualifier(quantity, period, total, Set.copyOf(names));
    }

    /**
     * Whether the sentence (of these terms) states its amount for what the question names: for the same quantity,
     * everything together, of the names asked about; never when the question names none of these (a time only rules
     * sentences out: {@link #otherPeriod}).
     */
    boolean fits(String sentence, Set<String> terms) {
        boolean qualifies = quantity != null || total || !names.isEmpty();
        return qualifies && (quantity == null || quantity.matcher(sentence).find())
                && (!total || TOTAL_STATED.matcher(sentence).find()) && terms.containsAll(names);
    }

    /**
     * Whether the sentence counts its amount over another time than the one asked for only: "$0.05 per month" is no
     * answer to what may be spent per day, however close its words.
     */
    boolean otherPeriod(String sentence) {
        return period != null && ANY_PERIOD.matcher(sentence).find() && !period.matcher(sentence).find();
    }

    private static Pattern period(String units, String adjectives) {
        return Pattern.compile(String.format(Locale.ROOT, PERIOD_STATED, units, adjectives));
    }

    private static long number(String written) {
        String lower = written.toLowerCase(Locale.ROOT).replaceFirst("^(?:a|one) ", "");
        return switch (lower) {
            case "hundred" -> 100;
            case "thousand" -> 1_000;
            case "million" -> 1_000_000;
            default -> Long.parseLong(lower.replace(",", ""));
        };
    }

    /** A round number in words ("thousand"), or the digits when it is not one. */
    private static String words(long number) {
        return number == 100 ? "hundred" : number == 1_000 ? "thousand" : number == 1_000_000 ? "million"
                : Long.toString(number);
    }
}

package dev.glassbox.server.local.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a question asks for an amount (how much, how many, how long) and what kind: a sentence answering a cost
 * states a price, one answering how long a duration or a length. The composer and the gate prefer such sentences.
 */
final class AskedAmount {
    private AskedAmount() {
    }

    /** Adjectives of price in every degree: "cheapest" and "pricier" ask for a price as "cheap" does. */
    private static final String PRICEY = "(?:expensive|inexpensive|cheap(?:er|est)?|pric(?:ey|ier|iest)|"
            + "costl(?:y|ier|iest)|affordable)";
    /**
     * Superlatives of time and of size: "the longest an answer may run", "the fastest first token", "the biggest
     * message" ask for a duration or a size as "how long", "how fast" and "how big" do.
     */
    private static final String LONGEST = "(?:long|short)est";
    private static final String FASTEST = "(?:fast|slow|quick)est";
    private static final String BIGGEST = "(?:bigg|larg|small|heavi)est";
    /** Questions after an amount: their answer should state a number. */
    private static final Pattern QUANTITY = Pattern.compile(
            "\\bhow (?:much|many|long|fast|big|large|often|slow|quick(?:ly)?|soon)\\b|\\bwhat (?:is|are) the "
                    + "(?:cost|price|limit|size|latency|timeout)|\\b(?:cost|costs|price|prices|limit|limits|max|maximum|"
                    + "min|minimum|latency|timeout|size|port|budget|cap|percent|milliseconds?|seconds?|bytes?|KB|MB|USD|bill|"
                    + "billed|monthly|per month|pricing|charge|charges|spend|" + PRICEY + "|" + LONGEST + "|" + FASTEST
                    + "|" + BIGGEST + ")\\b|\\$",
            Pattern.CASE_INSENSITIVE);
    /**
     * Questions after how an amount is worked out ("How is the cost of an answer computed?"): they ask for
     * the method, not for the amount.
     */
    private static final Pattern METHOD = Pattern.compile("\\bhow (?:is|are|was|were|does|do|did)\\b.*\\b(?:worked out|"
            + "work out|computed?|calculated?|decided?|determined?|checked|estimated?|measured?|counted|derived)\\b",
            Pattern.CASE_INSENSITIVE);
    /** Questions after a price, and a number that states one. */
    private static final Pattern ASKS_MONEY = Pattern.compile("\\b(?:cost|costs|price|prices|pricing|bill|billed|"
            + "charge|charges|spend|budget|pay|" + PRICEY + ")\\b|\\$", Pattern.CASE_INSENSITIVE);
    private static final String MONEY = "\\$\\s?\\d|\\d\\s*(?:USD|cents?)\\b";
    /** Questions after a duration or a length ("how long" is either), and numbers that state them. */
    private static final Pattern ASKS_TIME = Pattern.compile("\\bhow (?:long|fast|slow|often|soon|quick(?:ly)?)\\b|"
            + "\\b(?:timeout|latency|expire|expires|expiry|until when|" + LONGEST + "|" + FASTEST + ")\\b",
            Pattern.CASE_INSENSITIVE);
    private static final String TIME = "\\d[\\d,.]*\\s*(?:ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|"
            + "months?|years?)\\b";
    private static final Pattern ASKS_SIZE = Pattern.compile("\\bhow (?:long|big|large|small)\\b|\\b(?:size|memory|"
            + LONGEST + "|" + BIGGEST + ")\\b", Pattern.CASE_INSENSITIVE);
    private static final String SIZE = "\\d[\\d,.]*\\s*(?:bytes?|KB|MB|GB|characters|words|tokens|dimensions)\\b";

    /** What a number that answers the question looks like, or null when it asks for no amount. */
    static Pattern of(String question) {
        if (!QUANTITY.matcher(question).find() || METHOD.matcher(question).find()) {
            return null;
        }
        List<String> kinds = new ArrayList<>();
        if (ASKS_MONEY.matcher(question).find()) {
            kinds.add(MONEY);
        }
        if (ASKS_TIME.matcher(question).find()) {
            kinds.add(TIME);
        }
        if (ASKS_SIZE.matcher(question).find()) {
            kinds.add(SIZE);
        }
        return Pattern.compile(kinds.isEmpty() ? "\\d" : String.join("|", kinds), Pattern.CASE_INSENSITIVE);
    }
}

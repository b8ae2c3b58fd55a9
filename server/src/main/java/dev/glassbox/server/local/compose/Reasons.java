package dev.glassbox.server.local.compose;

import java.util.regex.Pattern;

/** What giving a reason is worth to a sentence when the question asks why. */
final class Reasons {
    /** Words that give a reason, for why-questions. */
    private static final Pattern REASON = Pattern.compile(
            "\\b(?:because|since|so that|so|therefore|otherwise|would|instead|in order to|to keep|to avoid|"
                    + "reason|cannot|which is why|means|keeps|avoids|prevents|saves|needs no|only way|"
                    + "too (?:slow|costly|expensive|big|large))\\b", Pattern.CASE_INSENSITIVE);
    /**
     * A sentence that says why the one before it is so ("This keeps …", "So …", "That avoids …"): for a
     * why-question, the reason itself. It comes with the sentence it explains (it is dangling).
     */
    private static final Pattern EXPLAINS = Pattern.compile(
            "^(?:So\\b|(?:This|That|It|Which)\\b.{0,30}\\b(?:keeps|avoids|means|makes|prevents|saves|is why|is "
                    + "because)\\b)");
    /** A price: "$350 a month", "$0.24 per hour". */
    private static final Pattern PRICED = Pattern.compile("\\$\\s?\\d");
    /** What giving a reason adds to a sentence's score when the question asks why; explaining, twice that. */
    private static final double REASON_WEIGHT = 2;

    /**
     * What a sentence's giving a reason is worth to a why-question: more when it explains the sentence before it,
     * and more when it puts a price on it ("about $350 a month, which alone would break the idle target"), the
     * reason a design choice is usually made for, over a side reason.
     */
    static double weight(String text) {
        double reason = EXPLAINS.matcher(text).find() ? 2 * REASON_WEIGHT : REASON.matcher(text).find() ? REASON_WEIGHT
                : 0;
        return reason > 0 && PRICED.matcher(text).find() ? reason + 2 * REASON_WEIGHT : reason;
    }

    private Reasons() {
    }
}

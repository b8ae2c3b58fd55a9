package dev.glassbox.server.local.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * The other spelling of an English word, British or American: "initialise" and "initialize", "colour" and "color",
 * "licence" and "license", "analyse" and "analyze", "centre" and "center", "cancelled" and "canceled". The docs
 * write one, a visitor may write the other, and neither the stemmer nor the index relates them. Rules of spelling
 * by ending, not a list of words: a caller keeps only the forms it knows (the docs' words, the lexicon).
 */
public final class Spellings {
    /** Endings spelt two ways, each pair in both directions; the longer endings of a family come first. */
    private static final String[][] ENDINGS = {
        {"isations", "izations"}, {"isation", "ization"}, {"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"},
        {"isers", "izers"}, {"iser", "izer"}, {"ise", "ize"},
        {"ysing", "yzing"}, {"ysed", "yzed"}, {"yses", "yzes"}, {"yse", "yze"},
        {"ourite", "orite"}, {"ourable", "orable"}, {"ouring", "oring"}, {"oured", "ored"}, {"ours", "ors"},
        {"our", "or"},
        {"ences", "enses"}, {"ence", "ense"}, {"tres", "ters"}, {"tre", "ter"},
        {"elled", "eled"}, {"elling", "eling"}, {"eller", "eler"}, {"alled", "aled"}, {"alling", "aling"},
        {"ogues", "ogs"}, {"ogue", "og"}};
    /** Letters a word keeps before the ending: "rise" or "hour" are no such spelling. */
    private static final int SHORTEST_STEM = 3;

    private Spellings() {
    }

    /** The word's other spellings by its ending, lower case; empty when its ending is spelt one way only. */
    public static List<String> others(String word) {
        List<String> others = new ArrayList<>();
        for (String[] pair : ENDINGS) {
            for (int side = 0; side < 2; side++) {
                String ending = pair[side];
                if (word.endsWith(ending) && word.length() - ending.length() >= SHORTEST_STEM) {
                    others.add(word.substring(0, word.length() - ending.length()) + pair[1 - side]);
                    return others;
                }
            }
        }
        return others;
    }
}

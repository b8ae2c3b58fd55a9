package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.ASKING;
import static dev.glassbox.core.rag.QuestionWords.COMMON_VERBS;
import static dev.glassbox.core.rag.QuestionWords.CUE;
import static dev.glassbox.core.rag.QuestionWords.LEADING_ARTICLE;
import static dev.glassbox.core.rag.QuestionWords.LEADING_JOINER;
import static dev.glassbox.core.rag.QuestionWords.LEADING_PREPOSITION;
import static dev.glassbox.core.rag.QuestionWords.PREPOSITION_AT_END;
import static dev.glassbox.core.rag.QuestionWords.QUESTION_END;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.names;
import static dev.glassbox.core.rag.QuestionWords.words;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Glassbox runs, the visitor's own machine or the cloud, as a follow-up names it: which place a text names, and
 * the previous question asked of the other place ("And in the cloud?" after a question about the local server), with
 * the verb that place takes ("deploy" to the cloud, "run" on a machine).
 */
final class Places {
    /**
     * Where Glassbox runs: on the visitor's own machine (the local server) or in the cloud (AWS, the Lambda
     * functions of the cloud path). A follow-up that names one place asks about it instead of the other: "And
     * in the cloud?" after "How long can a local answer run?" swaps "local", not the question's last word.
     */
    static final Pattern PLACE = Pattern.compile(
            "(?i)\\b(?:(?<local>local server|locally|local|(?:on |in |to )?(?:my|your|a) (?:own )?(?:machine|laptop|"
                    + "computer|pc))|(?<cloud>cloud path|Lambda(?: functions?)?|(?:in |on |to )?(?:the )?cloud(?! path)|"
                    + "(?:on |in |to )?AWS))\\b");
    private static final String RUNTIME_NOUNS = "local server|cloud path|Lambda(?: functions?)?";
    /** The places named by a noun ("the local server", "the Lambda functions"), not by "locally" or "in the cloud". */
    static final Pattern RUNTIME = Pattern.compile("(?i)" + RUNTIME_NOUNS);
    /**
     * The nouns a visitor names a place by after "the": the runtimes' and "the cloud". A place the previous question
     * named by a noun takes the visitor's noun when it is one of these ("and in the cloud?" asks about "the cloud",
     * not "the cloud path", whose "path" pulls in the Lambda jar), and the runtime's noun for "AWS" or "locally".
     */
    private static final Pattern PLACE_NOUN = Pattern.compile("(?i)" + RUNTIME_NOUNS + "|cloud");
    /** The names {@link #PLACE} knows for each place. */
    private static final List<String> LOCAL_NAMES = List.of("local", "locally", "local server", "machine", "laptop",
            "computer", "pc");
    private static final List<String> CLOUD_NAMES = List.of("cloud", "cloud path", "Lambda", "AWS");
    private static final String LOCAL_RUNTIME = "local server";
    private static final String CLOUD_RUNTIME = "cloud path";
    private static final Pattern ARTICLE_AT_END = Pattern.compile("(?i)\\b(?:a|an|the)\\s+$");
    private static final Pattern LEADING_PREPOSITION_AND_ARTICLE = Pattern.compile("(?i)^(?:(?:in|on|at|to)\\s+)?"
            + "(?:(?:a|an|the)\\s+)?");
    /** Words for putting Glassbox in the cloud: a question that uses them asks about the cloud. */
    private static final Pattern DEPLOY = Pattern.compile("(?i)\\bdeploy(?:s|ed|ing|ment)?\\b");
    /** Running Glassbox itself, which in the cloud means deploying it: "How do I run Glassbox…", "start the server". */
    private static final Pattern RUN_GLASSBOX = Pattern.compile(
            "(?i)\\b(?:run|start|launch|install|host)\\b(?=\\s+(?:Glassbox|it|the (?:local )?server)\\b)");
    /** Deploying Glassbox itself, which on a machine of one's own means running it. */
    private static final Pattern DEPLOY_GLASSBOX = Pattern.compile("(?i)\\bdeploy\\b(?=\\s+(?:Glassbox|it)\\b)");
    /** A place that can describe a noun ("the cloud deployment", "a local answer"), and that noun after it. */
    private static final Pattern ADJECTIVE = Pattern.compile("(?i)(?:the )?(?:local|cloud)");
    private static final Pattern MODIFIES = Pattern.compile(" \\p{L}{3,}");
    private static final Pattern PREPOSITION = Pattern.compile("(?i)(?:in|on|to|at|for|with)\\b");
    /**
     * Every name of the place the text names first, the docs' and a visitor's ("Lambda" is the cloud, so are "AWS"
     * and "the cloud path"); empty when it names none. A sentence about that place may use any of them.
     */
    public static List<String> placeNames(String text) {
        Matcher place = PLACE.matcher(text);
        return !place.find() ? List.of() : place.group("cloud") != null ? CLOUD_NAMES : LOCAL_NAMES;
    }

    private Places() {
    }

    /**
     * Whether a follow-up that asks a question of its own (it opens with a question word) names the other place than
     * the previous question:
     * "how do I run it on my own computer?" after "What does the deploy workflow do?".
     */
    static boolean asksAboutTheOtherPlace(String own, String previous) {
        List<String> words = words(own);
        if (words.isEmpty() || !ASKING.contains(words.get(0).toLowerCase(Locale.ROOT)) || CUE.matcher(own).lookingAt()) {
            // "And if I run it on my own machine?", "what about running it locally?" still ask the previous question.
            return false;
        }
        Boolean asked = cloud(own);
        Boolean before = cloud(previous);
        return asked != null && before != null && !asked.equals(before);
    }

    /** The previous question with the place the follow-up names in place of the other one it named, else null. */
    static String withTheOtherPlace(String own, String previous) {
        Matcher ownPlace = PLACE.matcher(own);
        Matcher oldPlace = PLACE.matcher(previous);
        if (!ownPlace.find() || !oldPlace.find()) {
            return null;
        }
        boolean cloud = ownPlace.group("cloud") != null;
        return cloud == (oldPlace.group("cloud") != null) ? null
                : swapPlace(previous.strip(), oldPlace, ownPlace.group(), cloud);
    }

    /** Whether the text names the cloud (true) or the visitor's own machine (false) first; null when neither. */
    private static Boolean cloud(String text) {
        Matcher place = PLACE.matcher(text);
        if (place.find()) {
            return place.group("cloud") != null;
        }
        return DEPLOY.matcher(text).find() ? Boolean.TRUE : null;
    }

    /** Whether the text names only a place: "in the cloud too?", "And locally?", "what about on Lambda?". */
    static boolean onlyPlace(String text) {
        String rest = CUE.matcher(LEADING_JOINER.matcher(text.strip()).replaceFirst("")).replaceFirst("");
        Matcher place = PLACE.matcher(rest);
        return place.find() && words(rest.substring(0, place.start()) + " " + rest.substring(place.end())).stream()
                .noneMatch(QuestionWords::isContentWord);
    }

    /**
     * The previous question asked at the place the follow-up names alone ("in the cloud", "locally"), and so is the
     * question a rewritten one carried beside it; null when the follow-up names more than a place.
     */
    static String askedThere(String previous, String replacement) {
        Matcher newPlace = PLACE.matcher(replacement);
        // "the Lambda jar" names a thing, not the place "Lambda".
        if (!onlyPlace(replacement) || !newPlace.find()) {
            return null;
        }
        boolean cloud = newPlace.group("cloud") != null;
        int besides = previous.indexOf(" (");
        if (besides < 0) {
            return inPlace(previous, replacement, cloud);
        }
        // "and locally?" after "how much does it cost? (Which model writes the answers in the cloud? Amazon Nova
        // Lite)": the follow-up's own question is asked there, and so is the one beside it, without the names
        // its answer gave about the other place.
        String earlier = previous.substring(besides + 2, Math.max(previous.lastIndexOf(')'), besides + 2));
        int asked = earlier.indexOf('?');
        earlier = asked < 0 ? earlier : earlier.substring(0, asked + 1);
        return inPlace(previous.substring(0, besides), replacement, cloud) + " ("
                + (PLACE.matcher(earlier).find() ? inPlace(earlier, replacement, cloud) : earlier) + ")";
    }

    /**
     * The question asked of the place instead of the one it named ("in the cloud", or a platform by its name: "on
     * Heroku"), or of that place when it named none.
     */
    private static String inPlace(String question, String place, boolean cloud) {
        Matcher oldPlace = PLACE.matcher(question);
        if (oldPlace.find()) {
            return swapPlace(question, oldPlace, place, cloud);
        }
        List<String> platforms = names(question).stream().filter(name -> wherePlaced(name, question)).toList();
        if (platforms.size() == 1) {
            // "Can I run Glassbox on Heroku?" and "what about on my own laptop?": the laptop instead of Heroku.
            Matcher platform = Pattern.compile("(?i)\\b(?:on|in|to)\\s+(?:the\\s+)?" + Pattern.quote(platforms.get(0))
                    + "\\b").matcher(question);
            if (platform.find()) {
                String where = PREPOSITION.matcher(place).lookingAt() || place.equalsIgnoreCase("locally") ? place
                        : "on " + place;
                return verbs(question.substring(0, platform.start()), cloud) + where
                        + question.substring(platform.end());
            }
        }
        return placed(question, place, cloud);
    }

    /** Whether a name of the question is where Glassbox runs: a place ("AWS"), or a name it runs on ("on Azure"). */
    static boolean wherePlaced(String name, String question) {
        return PLACE.matcher(name).find()
                || Pattern.compile("(?i)\\b(?:on|in|to)\\s+" + Pattern.quote(name)).matcher(question).find();
    }

    /**
     * The previous question with the place it named replaced by the other: "…run on the local server?" and
     * "And on AWS?" make "…run on the cloud path?"; "How long can a local answer run?" and "And in the cloud?"
     * make "How long can a cloud answer run?".
     */
    private static String swapPlace(String previous, Matcher place, String replacement, boolean cloud) {
        String head = previous.substring(0, place.start());
        boolean article = ARTICLE_AT_END.matcher(head).find();
        String instead;
        if (RUNTIME.matcher(place.group()).matches()) {
            // A place named by a noun ("do the Lambda functions write") takes a noun, not "on my own machine".
            String noun = LEADING_PREPOSITION_AND_ARTICLE.matcher(replacement).replaceFirst("");
            instead = PLACE_NOUN.matcher(noun).matches() ? noun : cloud ? CLOUD_RUNTIME : LOCAL_RUNTIME;
            instead = article ? instead : "the " + instead;
        } else if (ADJECTIVE.matcher(place.group()).matches() && modifiesANoun(previous, place.end())) {
            // "the cloud deployment" takes "the local deployment", not "the on my own machine deployment".
            instead = (place.group().toLowerCase(Locale.ROOT).startsWith("the ") ? "the " : "")
                    + (cloud ? "cloud" : "local");
        } else if (!PREPOSITION.matcher(place.group()).lookingAt() && !place.group().equalsIgnoreCase("locally")
                && !PREPOSITION_AT_END.matcher(head).find()) {
            // "Which embedding model does the cloud use?": a place named as a noun takes a noun.
            instead = cloud ? LEADING_PREPOSITION.matcher(replacement).replaceFirst("") : "the " + LOCAL_RUNTIME;
            instead = article ? LEADING_ARTICLE.matcher(instead).replaceFirst("") : instead;
        } else if (article) {
            // "…run on the local server" and "on the cloud path": one "on the", not two.
            instead = LEADING_PREPOSITION_AND_ARTICLE.matcher(replacement).replaceFirst("");
        } else {
            // "…cost locally?" and "what about the cloud?": a place said as a noun takes the preposition it needs.
            boolean bare = !replacement.equalsIgnoreCase("locally") && !PREPOSITION.matcher(replacement).lookingAt();
            instead = !bare ? replacement
                    : (replacement.toLowerCase(Locale.ROOT).contains("cloud") ? "in " : "on ") + replacement;
        }
        return verbs(head, cloud) + instead + previous.substring(place.end());
    }

    /** Whether the word after a place is a noun it describes ("the cloud deployment"), not a verb ("the cloud use"). */
    private static boolean modifiesANoun(String text, int placeEnd) {
        Matcher next = MODIFIES.matcher(text).region(placeEnd, text.length());
        if (!next.lookingAt()) {
            return false;
        }
        String word = next.group().strip();
        return isContentWord(word) && !COMMON_VERBS.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * The previous question asked of a place it did not name: "How do I deploy it?" and "And on my own machine?"
     * make "How do I run it on my own machine?".
     */
    private static String placed(String previous, String place, boolean cloud) {
        String asked = QUESTION_END.matcher(previous.strip()).replaceFirst("");
        String where = PREPOSITION.matcher(place).lookingAt() || place.equalsIgnoreCase("locally") ? place
                : "on " + place;
        return verbs(asked, cloud) + " " + where + "?";
    }

    /**
     * Glassbox is deployed to the cloud and run on a machine: "How do I deploy Glassbox to AWS?" and "And on my
     * own machine?" make "How do I run Glassbox on my own machine?".
     */
    static String verbs(String text, boolean cloud) {
        return cloud ? RUN_GLASSBOX.matcher(text).replaceAll("deploy") : DEPLOY_GLASSBOX.matcher(text).replaceAll("run");
    }
}

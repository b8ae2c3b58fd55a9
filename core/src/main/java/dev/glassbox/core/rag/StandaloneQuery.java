package dev.glassbox.core.rag;

import static dev.glassbox.core.rag.QuestionWords.CUE;
import static dev.glassbox.core.rag.QuestionWords.LEADING_ARTICLE;
import static dev.glassbox.core.rag.QuestionWords.LEADING_JOINER;
import static dev.glassbox.core.rag.QuestionWords.PROPERTIES;
import static dev.glassbox.core.rag.QuestionWords.QUESTION_END;
import static dev.glassbox.core.rag.QuestionWords.SETTING;
import static dev.glassbox.core.rag.QuestionWords.SMALL_TALK;
import static dev.glassbox.core.rag.QuestionWords.asksForAProperty;
import static dev.glassbox.core.rag.QuestionWords.fragment;
import static dev.glassbox.core.rag.QuestionWords.isContentWord;
import static dev.glassbox.core.rag.QuestionWords.words;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question as retrieval should read it: a follow-up ("And with Claude Sonnet 4?", "why?", "how long
 * does that take?") rewritten from the conversation's earlier questions into one that stands alone.
 * Earlier questions are rewritten in turn, so a follow-up to a follow-up still carries the topic.
 *
 * <p>A question is a follow-up when the conversation has turns and it is short and either opens with
 * a continuation ("and", "what about", "why"), points back ("it", "that", "those"), or names no subject
 * of its own, only what it asks about one ("Which port?", "After how long?"). When it names something in
 * place of what the previous question named (another model, the cloud instead of the local server, "the Lambda
 * one"), that is swapped into the previous question; otherwise the previous question is kept beside it as context.
 * Its "it" or "that" is written out as what the previous question asked about ({@link QuestionSubject}: "where is
 * the daily budget set?"), or, when that question asked for a name, carries the names the previous answer
 * introduced ({@link AnswerFocus}), since "it" then means what the answer named. A question with a subject of its own
 * after a declined turn stands alone: it does not ask about what was declined.
 *
 * <p>This record puts the steps in order: {@link FollowUpSigns} decides whether a message is a follow-up; {@link
 * LaterOnes}, {@link OtherDeed} and {@link Swaps} (with {@link Places}, {@link Units} and {@link FocusSwap}) write what
 * it names into the previous question; {@link Choice} and {@link PointingBack} read what its "which one" or "it"
 * stands for; {@link RewrittenQuestion} reads an earlier rewrite back.
 *
 * @param query what to search for and answer
 * @param followUp whether the question was read as a follow-up
 * @param meant what the follow-up's "it" stands for when the previous answer named it (Amazon Nova Lite): the
 *     visitor means it as much as the words they typed, so it weighs as theirs
 * @param asked the words whose form says what kind of answer is wanted (an amount, a reason): the query when the
 *     follow-up is asked as the previous question of something else ("And with Claude Sonnet 4?" still asks how
 *     much), the follow-up alone when the previous question is only context beside it ("Why?" after "How many
 *     questions may a connection send?" asks for a reason, not a number)
 * @param previous the previous question as rewritten, which a follow-up leans on, or which a question that names one
 *     thing with "the" may lean on ({@link #besideThePrevious}); empty for a question that stands alone. What the
 *     follow-up says that this does not ("under load", "per answer") is its point; the previous question supplies only
 *     its subject.
 */
public record StandaloneQuery(String query, boolean followUp, List<String> meant, String asked, String previous) {
    public StandaloneQuery {
        meant = List.copyOf(meant);
    }

    public StandaloneQuery(String query, boolean followUp, List<String> meant, String asked) {
        this(query, followUp, meant, asked, "");
    }

    public StandaloneQuery(String query, boolean followUp, List<String> meant) {
        this(query, followUp, meant, query);
    }

    public StandaloneQuery(String query, boolean followUp) {
        this(query, followUp, List.of());
    }

    /**
     * Whether the follow-up was asked as a question of its own, the previous one asked of another place, thing,
     * deed or unit ("And on Lambda?", "and to stop it?"), rather than beside it ("Why?", "tell me more"): the
     * previous answer then answered another question, so what it said may well be this answer too.
     */
    public boolean asksAnew() {
        return followUp && asked.equals(query);
    }

    /**
     * Every name of the place the text names first, the docs' and a visitor's ("Lambda" is the cloud, so are "AWS"
     * and "the cloud path"); empty when it names none. A sentence about that place may use any of them.
     */
    public static List<String> placeNames(String text) {
        return Places.placeNames(text);
    }

    /** "and the other one?", "what about the other backend?": the other thing of the kind just asked about. */
    private static final Pattern OTHER_ONE = Pattern.compile("(?i)\\W*(?:and\\s+)?(?:(?:what|how)\\s+about\\s+)?"
            + "(?:the\\s+)?other\\s+\\p{L}+[\\s?.!]*");
    /** A question word: "Where?", "for how long?" ask for something, where "tell me more" only asks for more. */
    private static final Pattern QUESTION_WORD = Pattern.compile("(?i)\\b(?:what|which|where|when|how|who|whom|whose|"
            + "why)\\b");
    private static final Pattern ASKS_WHY = Pattern.compile("(?i)\\bwhy\\b|\\bhow come\\b");
    /** A citation marker: an answer without one quoted nothing (a decline, a greeting's reply). */
    private static final Pattern CITATION = Pattern.compile("\\[\\d+]");
    /** "How long?", "For how long exactly?": only the question word and the amount it asks for (group 1). */
    private static final Pattern BARE_AMOUNT = Pattern.compile("(?i)\\W*((?:(?:for|in|after|within|until)\\s+)?how\\s+"
            + "(?:much|many|long|big|large|small|often|fast|soon|quickly|old|far))(?:\\s+(?:exactly|then|roughly|about))?"
            + "[\\s?.!]*");

    /** "where are the snapshots?", "what is the archive?": one thing (group 1), named with "the" and nothing else. */
    private static final Pattern THE_ONE = Pattern.compile("(?i)\\W*(?:where|what|which)(?:'s|'re|\\s+(?:is|are|was|"
            + "were))\\s+the\\s+([\\p{L}-]+)[\\s?.!]*");

    /** The question rewritten from the conversation so far, oldest turn first. */
    public static StandaloneQuery of(String question, List<ConversationTurn> history) {
        String previous = null;
        ConversationTurn before = null;
        for (ConversationTurn turn : history) {
            if (smallTalk(turn)) {
                // "Hello!" gave a follow-up nothing to lean on: the question after it is a first question.
                continue;
            }
            previous = previous == null ? turn.question() : rewrite(turn.question(), previous, before).query();
            before = turn;
        }
        if (previous == null) {
            return new StandaloneQuery(question, false);
        }
        StandaloneQuery rewritten = rewrite(question, previous, before);
        if (!rewritten.followUp()) {
            Matcher one = THE_ONE.matcher(question);
            // "where is the report?" may mean the report the previous answer spoke of, if it finds nothing alone.
            boolean mayLean = one.matches() && Character.isLowerCase(one.group(1).charAt(0))
                    && CITATION.matcher(before.answer()).find();
            return mayLean ? new StandaloneQuery(question, false, List.of(), question, previous) : rewritten;
        }
        return new StandaloneQuery(rewritten.query(), true, rewritten.meant(), rewritten.asked(), previous);
    }

    /**
     * The question read as a follow-up, with the previous question beside it: what a question that names one thing
     * with "the" ("where is the report?") is searched as when alone it finds nothing, since the visitor may mean the
     * report the conversation just spoke of, in other words than the docs'. Null for a follow-up, or a question that
     * may not lean on the previous one.
     */
    public StandaloneQuery besideThePrevious() {
        return followUp || previous.isEmpty() ? null
                : new StandaloneQuery(query + " (" + RewrittenQuestion.context(previous) + ")", true, List.of(), query,
                        previous);
    }

    /**
     * Whether a follow-up asks only for a property of what was just talked about ("is that the default?", "on which
     * architecture?", "how much memory does it get?"): the docs state a thing's properties together, so the sentence
     * that answered the previous question may well answer this one too. One that asks for more ("tell me more",
     * "why?") or about another thing ("what happens with a third one?") should not hear that sentence again.
     */
    public static boolean asksOnlyForAProperty(String question) {
        String text = FollowUpSigns.ACKNOWLEDGEMENT.matcher(question.strip()).replaceFirst("");
        List<String> content = words(Units.UNIT.matcher(text).replaceAll(" ")).stream()
                .filter(QuestionWords::isContentWord).toList();
        // "How long can it run?" names no property, only a deed: its answer is a new sentence as often as not.
        // "Can I change the port?" asks for the setting of what was just talked about, which its answer may have named.
        return fragment(FollowUpSigns.CLOSING_MARKER.matcher(text).replaceFirst("")) || content.stream()
                .anyMatch(w -> PROPERTIES.contains(w.toLowerCase(Locale.ROOT)) || SETTING.contains(w.toLowerCase(Locale.ROOT)))
                && content.stream().allMatch(w -> asksForAProperty(w) || SETTING.contains(w.toLowerCase(Locale.ROOT)));
    }

    /** A greeting or thanks, answered without a quote: it names nothing a later question could mean. */
    private static boolean smallTalk(ConversationTurn turn) {
        return !CITATION.matcher(turn.answer()).find() && words(turn.question()).stream()
                .map(w -> w.toLowerCase(Locale.ROOT)).allMatch(w -> SMALL_TALK.contains(w) || !isContentWord(w));
    }

    /**
     * @param previous the previous question, itself rewritten to stand alone
     * @param before the previous turn, whose answer may name what the question points at
     */
    private static StandaloneQuery rewrite(String question, String previous, ConversationTurn before) {
        FollowUpSigns signs = FollowUpSigns.of(question, previous);
        if (!signs.followUp(previous)) {
            return new StandaloneQuery(question, false);
        }
        String text = signs.text();
        String asked = signs.asked();
        String other = OTHER_ONE.matcher(asked).matches() ? AnswerFocus.ofTheOther(RewrittenQuestion.asked(previous),
                before.answer()) : null;
        if (other != null) {
            return new StandaloneQuery(other, true, Swaps.swappedIn(other, previous, text));
        }
        String later = LaterOnes.laterOnes(asked, previous);
        if (later != null) {
            return new StandaloneQuery(later, true, Swaps.swappedIn(later, previous, text));
        }
        String instead = FocusSwap.theThingFor(asked, previous);
        String cued = CUE.matcher(LEADING_JOINER.matcher(asked).replaceFirst("")).replaceFirst("").strip();
        String swapped = OtherDeed.withAnotherDeed(cued, previous);
        if (swapped == null) {
            swapped = Swaps.swapped(instead, previous, signs.elliptical());
        }
        if (swapped == null) {
            swapped = Units.askedIn(cued, previous);
        }
        if (swapped != null) {
            return new StandaloneQuery(swapped, true, Swaps.swappedIn(swapped, previous, text));
        }
        String own = LEADING_JOINER.matcher(asked).replaceFirst("");
        if (!CITATION.matcher(before.answer()).find() && !ASKS_WHY.matcher(text).find()) {
            // The previous question was declined: the visitor has moved on to what Glassbox can answer, so the
            // follow-up does not carry what was declined (that would decline it again), and its "it" is Glassbox.
            String aboutGlassbox = PointingBack.aboutGlassbox(own);
            return aboutGlassbox == null ? new StandaloneQuery(question, false)
                    : new StandaloneQuery(aboutGlassbox, true, List.of(), aboutGlassbox);
        }
        if (Places.asksAboutTheOtherPlace(own, previous)) {
            // "And how do I run it on my own computer instead?" after a question about deploying: the place it
            // names replaces the previous question's, so nothing of that question is carried over.
            return new StandaloneQuery(own, true);
        }
        StandaloneQuery choice = Choice.of(own, previous);
        if (choice != null) {
            return choice;
        }
        // "it", "that folder", "Where?": the follow-up asks about what the previous question named (deploy.yml,
        // GLASSBOX_BACKEND) or, when it named nothing ("Which endpoint…?"), something the answer named. "Why?"
        // asks for the reason behind the question itself.
        String otherPlace = Places.withTheOtherPlace(own, previous);
        if (otherPlace != null) {
            // "what about running it locally?" after "How do I deploy Glassbox to AWS?": the place it names takes
            // the place of the previous question's, and nothing the answer named about that place is carried.
            return new StandaloneQuery(own + " (" + otherPlace + ")", true);
        }
        // After a follow-up, its own words say what it asked about ("where is the daily budget set?").
        int besides = previous.indexOf(" (");
        QuestionSubject subject = ASKS_WHY.matcher(text).find() ? null
                : QuestionSubject.of(besides < 0 ? previous : previous.substring(0, besides));
        // "Is there a container image?" asked about the image: a later "it" is the image, not a name its answer gave.
        // But "that budget" after "is there an e-mail alert?" is a thing of its own, which only the answer named; the
        // verb of "how do I build it?" is not, and its "it" is still the image.
        List<String> things = signs.content().stream().filter(w -> !asksForAProperty(w)).toList();
        Set<String> earlier = new HashSet<>();
        words(previous).forEach(w -> earlier.add(w.toLowerCase(Locale.ROOT)));
        List<String> pointedAt = PointingBack.pointedAt(own);
        boolean another = !pointedAt.isEmpty()
                && pointedAt.stream().noneMatch(w -> earlier.contains(w.toLowerCase(Locale.ROOT)));
        // "whats the limit it has to stay under?" after "how large is the lambda jar?": "it" is the jar.
        QuestionSubject measured = subject == null ? null : subject.measuredThing();
        if (measured != null) {
            subject = measured;
        }
        // "Which one?" after "Is the page tested in a real browser?" asks for a name the answer gave, not the page.
        boolean named = !another && (subject != null && subject.thing() && !PointingBack.choosesOne(own)
                || measured != null || AnswerFocus.namesSomething(previous));
        // "Tell me more", "can you explain more?" name and ask nothing: more about the previous question, not about
        // a name its answer gave on the way.
        boolean asksForMore = signs.content().isEmpty() && !signs.pointsBack() && !QUESTION_WORD.matcher(text).find();
        // "Why?" asks for the reason behind the previous question, but after "Which embedding model…?" the reason
        // the answer's model was chosen: the thing it named is what the reason is about.
        boolean why = ASKS_WHY.matcher(text).find();
        List<String> answered = (signs.pointsBack() || signs.subjectless()) && !named
                && (why ? AnswerFocus.asksWhichThing(previous) : !asksForMore)
                ? AnswerFocus.of(before.answer(), previous + " " + text, things) : List.of();
        // "Where is it set?" after "What is the daily budget?" asks where the daily budget is set: written out, the
        // subject is searched and weighed as the visitor's own words, not as context beside another question. A
        // deed ("How do I deploy Glassbox?") is what "that" stands for even when the answer named things; otherwise
        // the names the answer gave ("Which LLM…?": Amazon Nova Lite) are what "it" stands for.
        // The names go after the question's own end, so that they read as no phrase of it ("the lambda jar JVM").
        String context = answered.isEmpty() ? RewrittenQuestion.context(previous)
                : QUESTION_END.matcher(RewrittenQuestion.context(previous)).replaceFirst("") + "? "
                        + String.join(", ", answered);
        Matcher amount = BARE_AMOUNT.matcher(own);
        String reaskedOf = besides < 0 ? previous : RewrittenQuestion.leanedOnByAFragment(previous);
        String reasked = amount.matches() && reaskedOf != null ? QuestionSubject.reasked(amount.group(1), reaskedOf)
                : null;
        if (reasked != null) {
            // "How long?" after "How many turns are kept?" asks how long turns are kept: a duration, not a length.
            // After "how many turns?", which leaned on "Does Glassbox remember earlier questions?", it asks how long
            // Glassbox remembers them, the fragment beside it.
            return new StandaloneQuery(reasked + " (" + (besides < 0 ? context : previous.substring(0, besides)) + ")",
                    true, signs.pointsBack() ? answered : List.of(), reasked);
        }
        String written = subject == null || !subject.deed() && !answered.isEmpty() ? null
                : PointingBack.writtenOut(own, subject);
        if (written == null && subject != null && !subject.deed()) {
            // "Can I change the port?" after "What port does the local API Gateway listen on?": that gateway's port.
            written = PointingBack.propertyWrittenOut(own, subject);
        }
        if (written != null) {
            return new StandaloneQuery(written + " (" + RewrittenQuestion.context(previous) + ")", true,
                    List.of(LEADING_ARTICLE.matcher(subject.phrase()).replaceFirst("")), written);
        }
        // What "it" points at is what the visitor asks about; names carried to a question that only lacks a
        // subject ("Where do the prices come from?") are context.
        return new StandaloneQuery(own + " (" + context + ")", true, signs.pointsBack() ? answered : List.of(), own);
    }
}

package dev.glassbox.core.rag;

import dev.glassbox.core.agent.ConversationTurn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * @param query what to search for and answer
 * @param followUp whether the question was read as a follow-up
 * @param meant what the follow-up's "it" stands for when the previous answer named it (Amazon Nova Lite): the
 *     visitor means it as much as the words they typed, so it weighs as theirs
 * @param asked the words whose form says what kind of answer is wanted (an amount, a reason): the query when the
 *     follow-up is asked as the previous question of something else ("And with Claude Sonnet 4?" still asks how
 *     much), the follow-up alone when the previous question is only context beside it ("Why?" after "How many
 *     questions may a connection send?" asks for a reason, not a number)
 */
public record StandaloneQuery(String query, boolean followUp, List<String> meant, String asked) {
    public StandaloneQuery {
        meant = List.copyOf(meant);
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
        Matcher place = PLACE.matcher(text);
        return !place.find() ? List.of() : place.group("cloud") != null ? CLOUD_NAMES : LOCAL_NAMES;
    }

    /** A follow-up names at most this many content words of its own; a longer question stands alone. */
    private static final int MAX_FOLLOW_UP_CONTENT_WORDS = 4;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.'-]*");
    private static final Pattern CONTINUATION = Pattern.compile(
            "^(?:and|but|also|so|then|or|what about|how about|what if|(?:the )?same (?:for|goes for|on|in)|likewise|as for|why|"
                    + "how come|really|compared (?:to|with)|versus|vs|unlike|relative to)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_JOINER = Pattern.compile("^(?:and|but|also|so|then|or)\\b[\\s,]*",
            Pattern.CASE_INSENSITIVE);
    /** "Ok, and …", "Alright so …": an acknowledgement of the answer before the follow-up itself. */
    private static final Pattern ACKNOWLEDGEMENT = Pattern.compile("^(?:ok|okay|alright|all right|right|cool|great|"
            + "nice|got it|i see|thanks|thank you)\\b[\\s,.!]*(?=\\S)", Pattern.CASE_INSENSITIVE);
    /**
     * "no, the local API Gateway", "sorry, I meant the worker": a correction of what the previous question asked
     * about, which names the thing meant instead, as "and the local API Gateway?" would.
     */
    private static final Pattern CORRECTION = Pattern.compile("(?i)^(?:(?:no|nope|not quite|not that one|sorry)"
            + "\\s*[,.!;:]\\s*(?:I meant?\\s+)?|no\\s+I meant?\\s+)(?=\\S)");
    /** "to stop it?", "what about to test it?": only another deed, asked of what the previous question asked about. */
    private static final Pattern OTHER_DEED = Pattern.compile("(?i)^(?:(?:what|how) about\\s+)?to\\s+(\\p{L}+)(.*?)"
            + "[\\s?.!]*");
    /**
     * The deed a question asks about, "to start it" or "do I start the server": its verb (group 1, lower case) and
     * what it is done to (group 2), up to a preposition, a place or the end.
     */
    private static final Pattern DEED = Pattern.compile("\\b(?:[Tt]o|(?:do|can|could|should|would|must|may)\\s+"
            + "(?:I|you|we|one))\\s+([a-z]+)\\b((?:\\s+(?!(?:on|in|at|to|with|for|from|by|via|under|over|without|per|"
            + "using|locally|again|when|if|after|before)\\b)[\\p{L}\\p{N}_.'-]+)*)");
    /**
     * A thing described by what "it" does with it: "the address it listens on", "the folder they are kept in". The
     * "it" is part of the description, so the phrase names a thing instead of pointing back.
     */
    private static final Pattern DESCRIBED = Pattern.compile("(?i)^(?:the|a|an|its|their)\\s+([\\p{L}\\p{N}_-]+)"
            + "(?:\\s+[\\p{L}\\p{N}_-]+)?\\s+(?:that\\s+|which\\s+)?(?:it|they)\\s+\\p{L}+.*");
    /** The letters of a word that stand for its forms ("local" for "locally"). */
    private static final int WORD_START = 5;
    /** Determiners that count one of a thing ("an answer", "one IP address"): what an amount is asked per. */
    private static final Set<String> COUNTING = Set.of("a", "an", "one", "each", "every");
    private static final Set<String> PERIODS = Set.of("second", "minute", "hour", "day", "week", "month", "year");
    /** "And the cloud?", "What about in the cloud?": a cue, then only the thing asked about instead. */
    private static final Pattern ELLIPSIS = Pattern.compile(
            "(?i)(?:and what about|and how about|what about|how about|(?:and )?(?:the )?same (?:for|goes for|(?=on|in))|likewise for|"
                    + "as for|and|or)\\b[\\s,]*((?:[^?\\s]+\\s*){1,5})\\?*\\s*");
    private static final Pattern ASKS_WHY = Pattern.compile("(?i)\\bwhy\\b|\\bhow come\\b");
    private static final Set<String> ASKING = Set.of("what", "why", "how", "when", "where", "which", "who", "does",
            "do", "did", "is", "are", "was", "can", "could", "will", "would", "should");
    /** Verbs that often end a question ("does it use", "does it cost") and are not what it asks about. */
    private static final Set<String> COMMON_VERBS = Set.of("use", "uses", "used", "work", "works", "run", "runs",
            "take", "takes", "cost", "costs", "need", "needs", "mean", "means", "happen", "happens", "send", "sends",
            "keep", "keeps", "get", "gets", "make", "makes", "support", "supports", "do", "done", "go", "goes");
    private static final Set<String> POINTING_BACK = Set.of("it", "its", "it's", "that", "that's", "this", "these",
            "those", "they", "they're", "them", "their", "there", "then", "same", "one", "ones");
    /**
     * Words that lean on what was just said without standing for it: "mine" is the visitor's own one of what the
     * previous question asked about, "other" and "both" are of the things its answer named. They make a question a
     * follow-up, but are not written out as the previous question's subject.
     */
    private static final Set<String> LEANING = Set.of("mine", "yours", "ours", "theirs", "other", "others", "another",
            "both", "either", "neither");
    /**
     * "On which architecture?", "after how much unsent data?", "Which region?": a question word and what it asks for,
     * at most three words after a preposition or two without one, and no verb to ask it of a subject of its own.
     */
    private static final Pattern FRAGMENT = Pattern.compile("(?i)(?:(?:in|on|at|to|for|from|by|with|after|before|under|"
            + "within|until|since|during|via)\\s+(?:which|what|whose|how\\s+(?:much|many|long|big|often|old|far))"
            + "(?:\\s+[\\p{L}\\p{N}_.'/-]+){0,3}|(?:which|what|whose|how\\s+(?:much|many))(?:\\s+[\\p{L}\\p{N}_.'/-]+)"
            + "{1,2})[\\s?.!]*");
    /** The verbs that make a question of a fragment: "what is SnapStart?" asks about a subject of its own. */
    private static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "be", "do", "does", "did", "can",
            "could", "will", "would", "should", "may", "might", "must", "has", "have", "had", "shall");
    /**
     * "it" and "there" that point at nothing: "How much does it cost to run Glassbox locally?", "Is it possible to
     * …", "Is there a licence?" ask a question of their own.
     */
    private static final Pattern POINTING_AT_NOTHING = Pattern.compile("(?i)\\bit\\b(?=\\s+(?:\\p{L}+\\s+){0,2}to\\s+"
            + "(?!(?:the|a|an|my|your|its|it|them|that|this|these|those|me|us)\\b)\\p{L})"
            + "|(?<=\\b(?:is|are|was|were|be|been)\\s)there\\b|\\bthere\\b(?=\\s+(?:is|are|was|were)\\b)");
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "and", "or", "but", "so", "then",
            "also", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "about", "is", "are",
            "was", "were", "be", "been", "do", "does", "did", "can", "could", "would", "should", "will", "shall",
            "may", "might", "must", "has", "have", "had", "of", "to", "in", "on", "at", "for", "with", "by", "from",
            "as", "if", "than", "any", "i", "you", "we", "me", "my", "your", "our", "much", "many", "long", "come",
            "really", "not", "no", "yes", "please", "tell", "more", "else", "too", "after", "before", "during", "until",
            "since", "into", "over", "under", "within", "without", "via", "back", "up", "out", "off", "myself",
            "yourself", "itself", "ourselves", "themselves");
    /**
     * Words that ask about a property of something rather than name it: a question whose own words are only
     * these ("Which port?", "What are the limits?") asks about the subject of the turn before.
     */
    private static final Set<String> PROPERTIES = Set.of("port", "ports", "size", "big", "bigger", "large",
            "larger", "small", "smaller", "cost", "costs", "price", "prices", "charge", "charges", "cheap",
            "expensive", "free",
            "default", "defaults", "limit", "limits", "maximum", "max", "minimum", "min", "timeout", "version",
            "versions", "number", "numbers", "figure", "figures", "value", "values", "setting", "settings",
            "option", "options", "format", "name", "names", "language", "kind", "type", "reason", "reasons",
            "fast", "faster", "slow", "slower", "speed", "often", "safe", "secure", "safety", "check", "checks",
            "difference", "memory", "time", "duration", "requirements", "alternative", "alternatives", "second",
            "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "month", "months", "year");
    /**
     * Words that ask what the thing just talked about lacks or what more there is of it ("the catch", "anything
     * else"): a question of only these asks about the previous question's subject, as one of only a property does,
     * but not for a property its answer may already have stated.
     */
    private static final Set<String> SHORTCOMINGS = Set.of("catch", "catches", "downside", "downsides", "drawback",
            "drawbacks", "caveat", "caveats", "limitation", "limitations", "gotcha", "gotchas", "missing", "lacking",
            "anything", "something", "left", "weakness", "weaknesses");
    /** The ending of a contraction ("what's", "doesn't", "they're"), after the word it contracts. */
    private static final Pattern CONTRACTED = Pattern.compile("(?:n't|'(?:s|re|ve|ll|d|m))$");
    /**
     * Where Glassbox runs: on the visitor's own machine (the local server) or in the cloud (AWS, the Lambda
     * functions of the cloud path). A follow-up that names one place asks about it instead of the other: "And
     * in the cloud?" after "How long can a local answer run?" swaps "local", not the question's last word.
     */
    private static final Pattern PLACE = Pattern.compile(
            "(?i)\\b(?:(?<local>local server|locally|local|(?:on |in |to )?(?:my|your|a) (?:own )?(?:machine|laptop|"
                    + "computer|pc))|(?<cloud>cloud path|Lambda(?: functions?)?|(?:in |on |to )?(?:the )?cloud(?! path)|"
                    + "(?:on |in |to )?AWS))\\b");
    /** The places named by a noun ("the local server", "the Lambda functions"), not by "locally" or "in the cloud". */
    private static final Pattern RUNTIME = Pattern.compile("(?i)local server|cloud path|Lambda(?: functions?)?");
    /** The names {@link #PLACE} knows for each place. */
    private static final List<String> LOCAL_NAMES = List.of("local", "locally", "local server", "machine", "laptop",
            "computer", "pc");
    private static final List<String> CLOUD_NAMES = List.of("cloud", "cloud path", "Lambda", "AWS");
    private static final String LOCAL_RUNTIME = "local server";
    private static final String CLOUD_RUNTIME = "cloud path";
    /** A citation marker: an answer without one quoted nothing (a decline, a greeting's reply). */
    private static final Pattern CITATION = Pattern.compile("\\[\\d+]");
    private static final Pattern ARTICLE_AT_END = Pattern.compile("(?i)\\b(?:a|an|the)\\s+$");
    private static final Pattern LEADING_ARTICLE = Pattern.compile("(?i)^(?:a|an|the)\\s+");
    private static final String DETERMINERS = "a|an|the|one|each|every|any|my|your";
    private static final Pattern LEADING_DETERMINER = Pattern.compile("(?i)^(?:" + DETERMINERS + ")\\s+");
    private static final Pattern DETERMINER_AT_END = Pattern.compile("(?i)\\b(?:" + DETERMINERS + ")\\s+$");
    /** Prepositions that open or close a phrase of a question; {@link QuestionSubject} ends a subject at them too. */
    static final List<String> PREPOSITIONS = List.of("with", "for", "on", "in", "at", "to", "from", "by", "of", "via",
            "without", "under", "over", "per");
    private static final Pattern LEADING_PREPOSITION = Pattern.compile("(?i)^(?:" + String.join("|", PREPOSITIONS)
            + ")\\s+");
    /** A preposition and its article closing the text: "…with ", "…for the ". */
    private static final Pattern PREPOSITION_AT_END = Pattern.compile("(?i)\\b(?:" + String.join("|", PREPOSITIONS)
            + ")\\s+(?:(?:a|an|the)\\s+)?$");
    private static final Pattern LEADING_PREPOSITION_AND_ARTICLE = Pattern.compile("(?i)^(?:(?:in|on|at|to)\\s+)?"
            + "(?:(?:a|an|the)\\s+)?");
    /** "I", "I'm", "I've": capitalised, but never a name ("What is it set to unless I change it?"). */
    private static final Pattern PRONOUN_I = Pattern.compile("I(?:'[a-z]+)?");
    private static final Set<String> SMALL_TALK = Set.of("hi", "hello", "hey", "hiya", "howdy", "greetings", "good",
            "morning", "afternoon", "evening", "day", "there", "all", "everyone", "thanks", "thank", "thx", "cheers",
            "great", "cool", "nice", "awesome", "perfect", "ok", "okay", "got", "bye", "goodbye", "see", "glassbox");
    /** A word that closes a follow-up only to mark the contrast: "What about in the cloud then?". */
    private static final Pattern CLOSING_MARKER = Pattern.compile("(?i)[\\s,]+(?:then|instead|too|as well)(?=\\W*$)");
    /**
     * The unit an amount is asked in ("per token", "per million output tokens", "per month"): what the
     * question asks of its subject, not the subject.
     */
    private static final Pattern UNIT = Pattern.compile("(?i)\\bper\\s+(?:(?:a|an|one|each|every|single|million|"
            + "thousand|billion|hundred|\\d[\\d,.]*|input|output)\\s+)*\\p{L}+");
    /** Words for putting Glassbox in the cloud: a question that uses them asks about the cloud. */
    private static final Pattern DEPLOY = Pattern.compile("(?i)\\bdeploy(?:s|ed|ing|ment)?\\b");
    /** Running Glassbox itself, which in the cloud means deploying it: "How do I run Glassbox…", "start the server". */
    private static final Pattern RUN_GLASSBOX = Pattern.compile(
            "(?i)\\b(?:run|start|launch|install|host)\\b(?=\\s+(?:Glassbox|it|the (?:local )?server)\\b)");
    /** Deploying Glassbox itself, which on a machine of one's own means running it. */
    private static final Pattern DEPLOY_GLASSBOX = Pattern.compile("(?i)\\bdeploy\\b(?=\\s+(?:Glassbox|it)\\b)");
    /** "How long?", "For how long exactly?": only the question word and the amount it asks for (group 1). */
    private static final Pattern BARE_AMOUNT = Pattern.compile("(?i)\\W*((?:(?:for|in|after|within|until)\\s+)?how\\s+"
            + "(?:much|many|long|big|large|small|often|fast|soon|quickly|old|far))(?:\\s+(?:exactly|then|roughly|about))?"
            + "[\\s?.!]*");
    /** Words that stand for a thing, as a subject or object: "where is it set?", "how long are they kept?". */
    private static final Set<String> PRONOUNS = Set.of("it", "they", "them");
    /** Words that stand for a thing unless a noun follows them ("that folder"). */
    private static final Set<String> DEMONSTRATIVES = Set.of("that", "this", "these", "those");
    /**
     * "does that take", "would it cost": a deed the follow-up asks about, by a verb whose subject can be a deed (in
     * "which port does it use?", "it" is a thing).
     */
    private static final Pattern DOING_THAT = Pattern.compile("(?i)\\b(?:does|do|did|will|would|can|could|should|might)"
            + "\\s+(that|it|this)\\s+(?:take|cost|need|require|last|involve)\\b");
    /** A stand-in that closes an elliptical follow-up: "the Lambda one", "later ones", "the server's". */
    private static final Pattern STAND_IN = Pattern.compile("(?i)\\b([\\p{L}\\p{N}_-]+)(?:\\s+(ones?)\\b|'s)(?=[\\s?.!]*$)");
    /** "What about…", "How about…": a cue for a contrast, not a question of its own. */
    private static final Pattern CUE = Pattern.compile("(?i)(?:what about|how about|what if)\\b");
    private static final Pattern QUESTION_END = Pattern.compile("[\\s?.!]+$");
    /** A place that can describe a noun ("the cloud deployment", "a local answer"), and that noun after it. */
    private static final Pattern ADJECTIVE = Pattern.compile("(?i)(?:the )?(?:local|cloud)");
    private static final Pattern MODIFIES = Pattern.compile(" \\p{L}{3,}");
    private static final Pattern PREPOSITION = Pattern.compile("(?i)(?:in|on|to|at|for|with)\\b");
    /** "Which backends can…", "What agent backends does…": a question that asks for a list of things. */
    private static final Pattern OPTIONS = Pattern.compile("(?i)\\W*(?:which|what)\\s+((?:[\\p{L}\\p{N}_-]+\\s+){0,2}?"
            + "[\\p{L}\\p{N}_-]+s)\\s+(?:can|could|do|does|did|is|are|will|would|should|may|might|must|has|have)\\b");
    /** "Which one…", "which of them…", "Which is…": a follow-up choosing among the things listed. */
    private static final Pattern CHOOSING = Pattern.compile("(?i)which\\s+(?:(one|ones|of (?:them|these|those))\\b|"
            + "(?=(?:is|are)\\b))");
    /** Words that only ask which things there are to choose from ("Which backends are available?"). */
    private static final Set<String> OFFERED = Set.of("available", "exist", "exists", "offered", "offer", "offers",
            "possible", "choose", "pick", "select", "supported", "provided", "provide", "provides");
    /**
     * "and the next ones?", "what about later ones?", "the ones after that?", "and the rest?": the ones after the
     * first of what the previous question asked about (group "one" when only one is meant).
     */
    private static final Pattern LATER_ONES = Pattern.compile("(?i)^(?:(?:and|but|so|then|what about|how about)\\s+)?"
            + "(?:the\\s+)?(?:(?:next|following|subsequent|later|other|remaining)\\s+(?:ones|(?<one>one))|ones\\s+after"
            + "(?:wards)?(?:\\s+(?:that|it|this|those))?|rest)[\\s?.!]*");
    /** "the first start", "the very first Lambda jar": a question asked of the first of several. */
    private static final Pattern FIRST = Pattern.compile("(?i)\\b(?:the\\s+)?(?:very\\s+)?(?:first|initial)\\b");
    /** A verb that agrees with one thing, closing the text: it becomes the plural's when the thing after it does. */
    private static final Pattern SINGULAR_VERB_AT_END = Pattern.compile("(?i)\\b(does|is|was|has)\\s+$");
    private static final Map<String, String> PLURAL_VERBS = Map.of("does", "do", "is", "are", "was", "were", "has",
            "have");
    /**
     * The parts of Glassbox a question can be asked of ("on the local API gateway", "the route handler"): one named
     * alone in a follow-up takes the place of the part the previous question named, or is where it is asked.
     */
    private static final Pattern COMPONENT = Pattern.compile("(?i)\\b(?:(?:local\\s+)?(?:api\\s+)?gateway|(?:route\\s+)?handler|"
            + "(?:stream\\s+)?worker|lambdas|lambda\\s+functions?|(?:local\\s+)?server)\\b");
    /** The product's own name is the subject of nearly every question, never the thing a follow-up swaps. */
    private static final Set<String> NEVER_SWAPPED = Set.of("glassbox");

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
        return previous == null ? new StandaloneQuery(question, false) : rewrite(question, previous, before);
    }

    /**
     * Whether a follow-up asks only for a property of what was just talked about ("is that the default?", "on which
     * architecture?", "how much memory does it get?"): the docs state a thing's properties together, so the sentence
     * that answered the previous question may well answer this one too. One that asks for more ("tell me more",
     * "why?") or about another thing ("what happens with a third one?") should not hear that sentence again.
     */
    public static boolean asksOnlyForAProperty(String question) {
        String text = ACKNOWLEDGEMENT.matcher(question.strip()).replaceFirst("");
        List<String> content = words(UNIT.matcher(text).replaceAll(" ")).stream()
                .filter(StandaloneQuery::isContentWord).toList();
        // "How long can it run?" names no property, only a deed: its answer is a new sentence as often as not.
        return fragment(CLOSING_MARKER.matcher(text).replaceFirst("")) || content.stream()
                .anyMatch(w -> PROPERTIES.contains(w.toLowerCase(Locale.ROOT)))
                && content.stream().allMatch(StandaloneQuery::asksForAProperty);
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
        // "Ok, and to stop it?": the acknowledgement says nothing about what is asked.
        String text = CORRECTION.matcher(ACKNOWLEDGEMENT.matcher(question.strip()).replaceFirst(""))
                .replaceFirst("and ");
        // "What about in the cloud then?", "And on my own machine instead?": the closing word only marks a contrast.
        String asked = CLOSING_MARKER.matcher(text).replaceFirst("");
        List<String> content = words(UNIT.matcher(text).replaceAll(" ")).stream()
                .filter(StandaloneQuery::isContentWord).toList();
        boolean pointsBack = pointsBack(text);
        // "What if mine is longer?", "what do other names get?": the words mean more of what was just said.
        boolean leans = words(text).stream().anyMatch(w -> LEANING.contains(w.toLowerCase(Locale.ROOT)));
        // "On which architecture?": only what is asked, without a verb, is asked of what the previous question was.
        boolean continues = CONTINUATION.matcher(text).find() || fragment(asked);
        boolean subjectless = content.stream().allMatch(StandaloneQuery::asksForAProperty);
        // "Which is cheapest?" after "Which models are available?" chooses among what that question listed.
        boolean chooses = options(previous) != null
                && CHOOSING.matcher(LEADING_JOINER.matcher(asked).replaceFirst("")).lookingAt();
        // "In the cloud too?", "Locally?": only a place, asked of what the previous question asked about.
        boolean placeOnly = onlyPlace(asked);
        if (content.size() > MAX_FOLLOW_UP_CONTENT_WORDS || !(continues || pointsBack || leans || subjectless || chooses
                || placeOnly) || !continues && !pointsBack && !leans && !chooses
                && asksTheSameOfAnotherThing(content, previous)) {
            return new StandaloneQuery(question, false);
        }
        String later = laterOnes(asked, previous);
        if (later != null) {
            return new StandaloneQuery(later, true, swappedIn(later, previous, text));
        }
        String instead = theThingFor(asked, previous);
        String swapped = withAnotherDeed(CUE.matcher(LEADING_JOINER.matcher(asked).replaceFirst("")).replaceFirst("")
                .strip(), previous);
        if (swapped == null) {
            swapped = swapped(instead, previous);
        }
        if (swapped != null) {
            return new StandaloneQuery(swapped, true, swappedIn(swapped, previous, text));
        }
        String own = LEADING_JOINER.matcher(asked).replaceFirst("");
        if (!CITATION.matcher(before.answer()).find() && !ASKS_WHY.matcher(text).find()) {
            // The previous question was declined: the visitor has moved on to what Glassbox can answer, so the
            // follow-up does not carry what was declined (that would decline it again), and its "it" is Glassbox.
            String aboutGlassbox = aboutGlassbox(own);
            return aboutGlassbox == null ? new StandaloneQuery(question, false)
                    : new StandaloneQuery(aboutGlassbox, true, List.of(), aboutGlassbox);
        }
        if (asksAboutTheOtherPlace(own, previous)) {
            // "And how do I run it on my own computer instead?" after a question about deploying: the place it
            // names replaces the previous question's, so nothing of that question is carried over.
            return new StandaloneQuery(own, true);
        }
        String options = options(previous);
        Matcher choosing = CHOOSING.matcher(own);
        if (options != null && choosing.lookingAt()) {
            // "Which one is the default?" after "Which backends can I choose?": one of the backends, not one of the
            // names the answer happened to list first.
            String chosen = singular(options);
            String one = (choosing.group(1) != null ? "which " + chosen : "which " + chosen + " ")
                    + own.substring(choosing.end());
            // "What backends are there?" says nothing the choice does not: carried beside it, its words would only
            // pull the search back to the passage its answer quoted, which may list a few of them and not the default.
            boolean saysMore = words(previous).stream().filter(StandaloneQuery::isContentWord)
                    .map(w -> w.toLowerCase(Locale.ROOT)).anyMatch(w -> !COMMON_VERBS.contains(w)
                            && !OFFERED.contains(w) && !words(options.toLowerCase(Locale.ROOT)).contains(w));
            return new StandaloneQuery(saysMore ? one + " (" + context(previous) + ")" : one, true, List.of(chosen),
                    own);
        }
        // "it", "that folder", "Where?": the follow-up asks about what the previous question named (deploy.yml,
        // GLASSBOX_BACKEND) or, when it named nothing ("Which endpoint…?"), something the answer named. "Why?"
        // asks for the reason behind the question itself.
        String otherPlace = withTheOtherPlace(own, previous);
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
        List<String> things = content.stream().filter(w -> !asksForAProperty(w)).toList();
        Set<String> earlier = new HashSet<>();
        words(previous).forEach(w -> earlier.add(w.toLowerCase(Locale.ROOT)));
        List<String> pointedAt = pointedAt(own);
        boolean another = !pointedAt.isEmpty()
                && pointedAt.stream().noneMatch(w -> earlier.contains(w.toLowerCase(Locale.ROOT)));
        boolean named = !another && (subject != null && subject.thing() || AnswerFocus.namesSomething(previous));
        List<String> answered = (pointsBack || subjectless) && !ASKS_WHY.matcher(text).find() && !named
                ? AnswerFocus.of(before.answer(), previous + " " + text, things) : List.of();
        // "Where is it set?" after "What is the daily budget?" asks where the daily budget is set: written out, the
        // subject is searched and weighed as the visitor's own words, not as context beside another question. A
        // deed ("How do I deploy Glassbox?") is what "that" stands for even when the answer named things; otherwise
        // the names the answer gave ("Which LLM…?": Amazon Nova Lite) are what "it" stands for.
        String context = answered.isEmpty() ? context(previous)
                : context(previous) + " " + String.join(", ", answered);
        Matcher amount = BARE_AMOUNT.matcher(own);
        String reaskedOf = besides < 0 ? previous : leanedOnByAFragment(previous);
        String reasked = amount.matches() && reaskedOf != null ? QuestionSubject.reasked(amount.group(1), reaskedOf)
                : null;
        if (reasked != null) {
            // "How long?" after "How many turns are kept?" asks how long turns are kept: a duration, not a length.
            // After "how many turns?", which leaned on "Does Glassbox remember earlier questions?", it asks how long
            // Glassbox remembers them, the fragment beside it.
            return new StandaloneQuery(reasked + " (" + (besides < 0 ? context : previous.substring(0, besides)) + ")",
                    true, pointsBack ? answered : List.of(), reasked);
        }
        String written = subject == null || !subject.deed() && !answered.isEmpty() ? null : writtenOut(own, subject);
        if (written != null) {
            return new StandaloneQuery(written + " (" + context(previous) + ")", true,
                    List.of(LEADING_ARTICLE.matcher(subject.phrase()).replaceFirst("")), written);
        }
        // What "it" points at is what the visitor asks about; names carried to a question that only lacks a
        // subject ("Where do the prices come from?") are context.
        return new StandaloneQuery(own + " (" + context + ")", true, pointsBack ? answered : List.of(), own);
    }

    /**
     * The follow-up with the word that points back written out as the previous question's subject: "where is it
     * set?" → "where is the daily budget set?"; after a deed ("How do I run the tests?"), "how long does that
     * take?" → "how long does it take to run the tests?". Null when it has no such word.
     */
    private static String writtenOut(String own, QuestionSubject subject) {
        if (subject.deed()) {
            Matcher doing = DOING_THAT.matcher(own);
            if (!doing.find()) {
                return null;
            }
            String asked = QUESTION_END.matcher(own.substring(doing.end())).replaceFirst("");
            return own.substring(0, doing.start(1)) + "it" + own.substring(doing.end(1), doing.end()) + asked + " to "
                    + subject.phrase() + "?";
        }
        Matcher word = WORD.matcher(own);
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (subject.thing() && lower.startsWith("it") && several(subject.phrase())) {
                // "it" after "do the lambdas use snapstart?" is not the lambdas.
                return null;
            }
            if (lower.equals("it's")) {
                // "when it's reached" → "when the spending limit is reached".
                return own.substring(0, word.start()) + subject.phrase() + " is" + own.substring(word.end());
            }
            if (PRONOUNS.contains(lower) || DEMONSTRATIVES.contains(lower) && !namesAThingAfter(own, word.end())) {
                return own.substring(0, word.start()) + subject.phrase() + own.substring(word.end());
            }
        }
        return null;
    }

    /** The text with its first "it" or "its" that points back written out as Glassbox; null when it has none. */
    private static String aboutGlassbox(String text) {
        String masked = POINTING_AT_NOTHING.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
        Matcher word = WORD.matcher(masked);
        while (word.find()) {
            String lower = word.group().toLowerCase(Locale.ROOT);
            if (lower.equals("it") || lower.equals("its")) {
                return text.substring(0, word.start()) + (lower.equals("it") ? "Glassbox" : "Glassbox's")
                        + text.substring(word.end());
            }
        }
        return null;
    }

    /**
     * The question a follow-up that was only a question word and what it asks for ("how many turns?") leaned on, as
     * its rewrite carried it beside it; null when the rewritten follow-up was no such fragment.
     */
    private static String leanedOnByAFragment(String previous) {
        int besides = previous.indexOf(" (");
        String earlier = leanedOn(previous.substring(besides + 2));
        return fragment(previous.substring(0, besides)) && earlier.endsWith("?") ? earlier : null;
    }

    /** The first question of what a rewritten follow-up carried beside it, or all of it when it holds none. */
    private static String leanedOn(String carried) {
        String earlier = carried.replace("(", "").replace(")", "").strip();
        int asked = earlier.indexOf('?');
        return asked < 0 ? earlier : earlier.substring(0, asked + 1);
    }

    /**
     * The previous question as context beside a follow-up: its own words when they stand alone, else those and the
     * question they leaned on ("does it run as root? is there a container image?"), never a context within a context.
     */
    private static String context(String previous) {
        int besides = previous.indexOf(" (");
        if (besides < 0) {
            return previous.strip();
        }
        String own = previous.substring(0, besides).strip();
        // "how many turns?" asked only a question word and what it asks for: without the question it leaned on, a
        // third turn's "for how long?" would lose what the conversation is about.
        if (!pointsBack(own) && !fragment(own) && !words(own).stream().filter(StandaloneQuery::isContentWord)
                .allMatch(StandaloneQuery::asksForAProperty)) {
            return own;
        }
        return own + " " + leanedOn(previous.substring(besides + 2));
    }

    /**
     * The previous question asked of the later ones of what it asked the first of: "how long does the first start
     * take?" and "and the next ones?" make "how long do later starts take?". Null when the follow-up asks for no
     * later ones or the previous question asked of no first one.
     */
    private static String laterOnes(String text, String previous) {
        Matcher ones = LATER_ONES.matcher(text.strip());
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        Matcher first = FIRST.matcher(asked);
        if (!ones.matches() || !first.find()) {
            return null;
        }
        // What the first one is of: the words after it up to a verb or a small word ("the first Lambda jar was").
        // A place only describes the thing when a noun follows it ("the first Lambda jar", not "the first start locally").
        List<int[]> spans = new ArrayList<>();
        Matcher word = WORD.matcher(asked);
        word.region(first.end(), asked.length());
        while (word.find() && isContentWord(word.group()) && !COMMON_VERBS.contains(word.group().toLowerCase(Locale.ROOT))) {
            spans.add(new int[] {word.start(), word.end()});
        }
        int end = first.end();
        for (int i = 0; i < spans.size(); i++) {
            boolean place = PLACE.matcher(asked.substring(spans.get(i)[0], spans.get(i)[1])).matches();
            if (place && i == spans.size() - 1) {
                break;
            }
            end = spans.get(i)[1];
        }
        if (end == first.end()) {
            return null;
        }
        String head = asked.substring(0, first.start());
        Matcher verb = SINGULAR_VERB_AT_END.matcher(head);
        // "does the first start take" becomes "do later starts take": the subject is now several.
        boolean subject = verb.find() && ones.group("one") == null;
        String thing = asked.substring(first.end(), end).strip();
        String later = subject ? "later " + plural(thing) : "a later " + thing;
        head = subject ? head.substring(0, verb.start(1)) + PLURAL_VERBS.get(verb.group(1).toLowerCase(Locale.ROOT))
                + head.substring(verb.end(1)) : head;
        return head + later + asked.substring(end);
    }

    /** Whether a phrase names several things by its head noun: "the lambdas", but not "the access" or "the guardrail of the lambdas". */
    private static boolean several(String phrase) {
        String head = phrase.split(" (?:of|for) ")[0].strip().toLowerCase(Locale.ROOT);
        return head.endsWith("s") && !head.endsWith("ss");
    }

    /** "start" → "starts", "policy" → "policies", "pass" → "passes". */
    private static String plural(String noun) {
        if (noun.matches("(?i).*(?:s|x|z|sh|ch)")) {
            return noun + "es";
        }
        return noun.matches("(?i).*[^aeiou]y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    }

    /**
     * The previous question asked of the part of Glassbox the follow-up names alone ("and on the local API gateway?",
     * "what about the route handler?"): in place of the part it named, else where it happens ("what happens if a
     * message is too big on the local API gateway?"). Null when the follow-up names something else.
     */
    private static String ofComponent(String previous, String replacement) {
        String bare = LEADING_ARTICLE.matcher(LEADING_PREPOSITION.matcher(replacement).replaceFirst("")).replaceFirst("");
        if (!COMPONENT.matcher(bare).matches()) {
            return null;
        }
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        String rest = besides < 0 ? "" : previous.substring(besides);
        Matcher old = COMPONENT.matcher(asked);
        if (old.find()) {
            String head = asked.substring(0, old.start());
            // "…applies to the route handler?" and "and on the stream worker?" make one "on the", not "to the on the".
            boolean own = LEADING_PREPOSITION.matcher(replacement).lookingAt() && PREPOSITION_AT_END.matcher(head).find();
            return old.group().equalsIgnoreCase(bare) ? null : (own ? PREPOSITION_AT_END.matcher(head).replaceFirst("")
                    + replacement : head + bare) + asked.substring(old.end()) + rest;
        }
        String ofThing = QuestionSubject.askedOf(asked, LEADING_PREPOSITION.matcher(replacement).replaceFirst(""));
        if (ofThing != null) {
            return ofThing + rest;
        }
        String where = LEADING_PREPOSITION.matcher(replacement).lookingAt() ? replacement : "on " + replacement;
        return QUESTION_END.matcher(asked.strip()).replaceFirst("") + " " + where + "?" + rest;
    }

    /** Whether "that" opens a noun phrase ("that folder") rather than standing for one ("where is that set?"). */
    /** The things the text names after "that", "this", "these" or "those" ("that budget"), in its own words. */
    private static List<String> pointedAt(String text) {
        List<String> named = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (DEMONSTRATIVES.contains(word.group().toLowerCase(Locale.ROOT)) && namesAThingAfter(text, word.end())
                    && word.find()) {
                named.add(word.group());
            }
        }
        return named;
    }

    private static boolean namesAThingAfter(String text, int at) {
        Matcher next = WORD.matcher(text);
        if (!next.find(at)) {
            return false;
        }
        String word = next.group();
        return isContentWord(word) && !asksForAProperty(word) && !QuestionSubject.isParticiple(word);
    }

    /**
     * Whether the question points back: "it", "that", "then"… but not an "it" or "there" that points at nothing,
     * nor "one" before a noun ("one connection" counts; "which one" points back).
     */
    private static boolean pointsBack(String text) {
        List<String> words = words(POINTING_AT_NOTHING.matcher(text).replaceAll(" "));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).toLowerCase(Locale.ROOT);
            boolean counting = word.equals("one") && i + 1 < words.size() && isContentWord(words.get(i + 1));
            if (POINTING_BACK.contains(word) && !counting) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text is only a question word and what it asks for, with no verb: "On which architecture?". */
    private static boolean fragment(String text) {
        String own = LEADING_JOINER.matcher(text.strip()).replaceFirst("");
        return FRAGMENT.matcher(own).matches()
                && words(own).stream().noneMatch(w -> AUXILIARIES.contains(w.toLowerCase(Locale.ROOT)));
    }

    /**
     * Whether the question asks what the previous one asked, of another thing: "What is the default port?" after
     * "What is the default backend?" shares its frame, not its subject, and stands alone.
     */
    private static boolean asksTheSameOfAnotherThing(List<String> content, String previous) {
        Set<String> own = new HashSet<>();
        content.forEach(w -> own.add(w.toLowerCase(Locale.ROOT)));
        Set<String> before = new HashSet<>();
        words(previous).stream().filter(StandaloneQuery::isContentWord)
                .forEach(w -> before.add(w.toLowerCase(Locale.ROOT)));
        Set<String> added = new HashSet<>(own);
        added.removeAll(before);
        Set<String> dropped = new HashSet<>(before);
        dropped.removeAll(own);
        return own.size() > 1 && added.size() == 1 && dropped.size() == 1;
    }

    /**
     * Whether a follow-up that asks a question of its own (it opens with a question word) names the other place than
     * the previous question:
     * "how do I run it on my own computer?" after "What does the deploy workflow do?".
     */
    private static boolean asksAboutTheOtherPlace(String own, String previous) {
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
    private static String withTheOtherPlace(String own, String previous) {
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

    /** The things a question asks to be listed ("backends" in "Which backends can I choose?"), or null. */
    private static String options(String previous) {
        Matcher options = OPTIONS.matcher(previous);
        return options.lookingAt() ? options.group(1) : null;
    }

    /** "backends" → "backend", "policies" → "policy": the form "which one" stands for. */
    private static String singular(String plural) {
        if (plural.endsWith("ies")) {
            return plural.substring(0, plural.length() - 3) + "y";
        }
        return plural.endsWith("s") && !plural.endsWith("ss") ? plural.substring(0, plural.length() - 1) : plural;
    }

    /**
     * The previous question with what the follow-up names in place of something it named: another name
     * ("And with Claude Sonnet 4?"), the other place where Glassbox runs ("And in the cloud?"), or the thing
     * an elliptical follow-up asks about instead ("And the stream worker?"). Null when it names nothing instead.
     */
    private static String swapped(String text, String previous) {
        List<String> newNames = names(text);
        // A place is swapped for a place only, and a thing for a thing: "And for the Lambda functions?" does not
        // replace "Java", "AWS" replaces the "Azure" of "Can I run it on Azure?", and "And with Claude Sonnet 4?"
        // replaces the "Nova Lite" of "…run on AWS with Nova Lite?", not its "AWS".
        Matcher named = PLACE.matcher(String.join(" ", newNames));
        boolean place = named.find();
        List<String> oldNames = names(previous).stream()
                .filter(old -> !newNames.contains(old) && wherePlaced(old, previous) == place).toList();
        if (!newNames.isEmpty() && oldNames.size() == 1) {
            String swapped = previous.replace(oldNames.get(0), String.join(" and ", newNames));
            return place ? verbs(swapped, named.group("cloud") != null) : swapped;
        }
        Matcher elliptical = ELLIPSIS.matcher(text);
        String replacement;
        if (elliptical.matches() && (!pointsBack(elliptical.group(1)) || describes(elliptical.group(1)))
                && words(elliptical.group(1)).stream().noneMatch(w -> ASKING.contains(w.toLowerCase(Locale.ROOT)))) {
            replacement = elliptical.group(1).strip();
        } else if (onlyPlace(text)) {
            // "Locally?", "In the cloud?": capitalised only as the question's first word.
            replacement = QUESTION_END.matcher(text.strip()).replaceFirst("");
            String first = words(replacement).get(0);
            if (!isContentWord(first) || first.length() > 1 && Character.isLowerCase(first.charAt(1))
                    && PLACE.matcher(first).matches() && !RUNTIME.matcher(first).matches()) {
                replacement = Character.toLowerCase(replacement.charAt(0)) + replacement.substring(1);
            }
        } else {
            return null;
        }
        Matcher newPlace = PLACE.matcher(replacement);
        // "the Lambda jar" names a thing, not the place "Lambda".
        if (onlyPlace(replacement) && newPlace.find()) {
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
        if (UNIT.matcher(replacement).matches()) {
            return inUnit(previous, replacement);
        }
        String otherWay = inPlaceOfNamed(previous, replacement);
        if (otherWay != null) {
            return otherWay;
        }
        String component = ofComponent(previous, replacement);
        return component != null ? component : swapFocus(previous, replacement);
    }

    /**
     * The previous question with the phrase that named its one name asked in another way: "Can it text me on WhatsApp
     * when the bill grows?" and "what about by e-mail?" make "Can it text me by e-mail when the bill grows?". The name
     * is what the visitor sets the new phrase against, wherever it stands in the question. Null when the follow-up
     * is no such phrase ("by e-mail", "with Slack") or the previous question has not exactly one other name after a
     * preposition.
     */
    private static String inPlaceOfNamed(String previous, String replacement) {
        if (!LEADING_PREPOSITION.matcher(replacement).lookingAt() || previous.contains(" (")) {
            return null;
        }
        List<String> own = names(replacement);
        List<String> named = names(previous).stream()
                .filter(name -> !PLACE.matcher(name).find() && !own.contains(name)).toList();
        if (named.size() != 1) {
            return null;
        }
        Matcher phrase = Pattern.compile("(?i)\\b(?:" + String.join("|", PREPOSITIONS) + ")\\s+(?:(?:a|an|the)\\s+)?"
                + Pattern.quote(named.get(0)) + "\\b").matcher(previous);
        return phrase.find() ? previous.substring(0, phrase.start()) + replacement + previous.substring(phrase.end())
                : null;
    }

    /** Whether the text names a thing by what "it" does with it ("the address it listens on"), not only points back. */
    private static boolean describes(String text) {
        Matcher described = DESCRIBED.matcher(text.strip());
        return described.matches() && isContentWord(described.group(1));
    }

    /**
     * The previous question asked in another unit, which takes the place of the one it asked in: its "per token",
     * or the thing a determiner counts one of ("What does an idle month cost?" and "And per answer?" make "What
     * does an answer cost?", "one IP address" becomes "one connection"). A question with neither gets the unit added
     * ("How much does the stack cost per month?"). A unit is never what is priced, nor takes a name's place.
     */
    private static String inUnit(String previous, String unit) {
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        String rest = besides < 0 ? "" : previous.substring(besides);
        Matcher old = UNIT.matcher(asked);
        if (old.find()) {
            return asked.substring(0, old.start()) + unit + asked.substring(old.end()) + rest;
        }
        String noun = unit.replaceFirst("(?i)^per\\s+", "");
        Matcher word = WORD.matcher(asked);
        while (word.find()) {
            String determiner = word.group().toLowerCase(Locale.ROOT);
            if (!COUNTING.contains(determiner)) {
                continue;
            }
            // What it counts one of: the words after it up to a verb, a small word or a place ("one IP address send").
            int end = word.end();
            Matcher counted = WORD.matcher(asked);
            counted.region(word.end(), asked.length());
            while (counted.find() && isContentWord(counted.group()) && !PLACE.matcher(counted.group()).matches()
                    && !COMMON_VERBS.contains(counted.group().toLowerCase(Locale.ROOT))) {
                end = counted.end();
            }
            String last = lastWord(asked.substring(word.end(), end));
            // A period is added to what is counted ("an answer … per month"), not put in its place.
            if (end > word.end() && !(period(lastWord(noun)) && !period(last))) {
                String article = !determiner.startsWith("a") ? word.group()
                        : "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
                return asked.substring(0, word.start()) + article + " " + noun + asked.substring(end) + rest;
            }
        }
        return QUESTION_END.matcher(asked.strip()).replaceFirst("") + " " + unit + "?" + rest;
    }

    private static String lastWord(String text) {
        List<String> words = words(text);
        return words.isEmpty() ? "" : words.get(words.size() - 1);
    }

    /** Whether the word names a span of time ("month", "hours"), which an amount may be asked per. */
    private static boolean period(String word) {
        return PERIODS.contains(singular(word.toLowerCase(Locale.ROOT)));
    }

    /**
     * The previous question asked of another deed: "to stop it?" after "What's the command to start it on my
     * machine?" asks "What's the command to stop it on my machine?", and after "How do I start the server?" asks
     * "How do I stop the server?" (what "it" is done to is what the previous deed was done to). Null when the
     * follow-up names no other deed or the previous question asked about none.
     */
    private static String withAnotherDeed(String own, String previous) {
        Matcher other = OTHER_DEED.matcher(own);
        if (!other.matches() || !isContentWord(other.group(1)) || PLACE.matcher(other.group(1)).matches()) {
            return null;
        }
        int besides = previous.indexOf(" (");
        String asked = besides < 0 ? previous : previous.substring(0, besides);
        Matcher deed = DEED.matcher(asked);
        while (deed.find()) {
            // "do I need to build it": the deed is building, not needing.
            if (!isContentWord(deed.group(1)) || COMMON_VERBS.contains(deed.group(1))
                    || deed.group(1).equals(other.group(1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            String object = other.group(2).strip();
            boolean pointing = words(object).stream().allMatch(w -> POINTING_BACK.contains(w.toLowerCase(Locale.ROOT)));
            String done = other.group(1).toLowerCase(Locale.ROOT) + (pointing ? deed.group(2) : " " + object);
            return asked.substring(0, deed.start(1)) + done + asked.substring(deed.end(2));
        }
        return null;
    }

    /**
     * What a swap wrote in the docs' words when none of the visitor's own words made it into the query: "cloud
     * path" for "And on AWS?". The visitor asks about it as much as about words they typed ("And in the cloud?"
     * needs none). Runs of words the previous question does not have, each a phrase.
     */
    private static List<String> swappedIn(String swapped, String previous, String followUp) {
        List<String> asked = words(swapped).stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        // "locally" made it in as "local server": a word's start will do ("local").
        boolean ownWordsKept = words(followUp).stream().filter(StandaloneQuery::isContentWord)
                .map(w -> w.toLowerCase(Locale.ROOT).substring(0, Math.min(WORD_START, w.length())))
                .anyMatch(start -> asked.stream().anyMatch(w -> w.startsWith(start)));
        if (ownWordsKept) {
            return List.of();
        }
        String before = previous + " " + followUp;
        Set<String> known = new HashSet<>();
        // "run" for "deploy" only says the same deed of the other place.
        words(before + " " + verbs(before, true) + " " + verbs(before, false))
                .forEach(w -> known.add(w.toLowerCase(Locale.ROOT)));
        List<String> phrases = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        for (String word : words(swapped)) {
            boolean added = isContentWord(word) && !known.contains(word.toLowerCase(Locale.ROOT));
            if (added) {
                run.append(run.length() > 0 ? " " : "").append(word);
            } else if (run.length() > 0) {
                phrases.add(run.toString());
                run.setLength(0);
            }
        }
        if (run.length() > 0) {
            phrases.add(run.toString());
        }
        return phrases;
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
    private static boolean wherePlaced(String name, String question) {
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
            // "and in the cloud?" is asked of the cloud: "cloud path" would add "path", which pulls in the Lambda jar.
            instead = RUNTIME.matcher(noun).matches() || cloud && noun.equalsIgnoreCase("cloud") ? noun
                    : cloud ? CLOUD_RUNTIME : LOCAL_RUNTIME;
            instead = article ? instead : "the " + instead;
        } else if (ADJECTIVE.matcher(place.group()).matches() && describes(previous, place.end())) {
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
    private static boolean describes(String text, int placeEnd) {
        Matcher next = MODIFIES.matcher(text).region(placeEnd, text.length());
        if (!next.lookingAt()) {
            return false;
        }
        String word = next.group().strip();
        return isContentWord(word) && !COMMON_VERBS.contains(word.toLowerCase(Locale.ROOT));
    }

    /** Whether the text names only a place: "in the cloud too?", "And locally?", "what about on Lambda?". */
    private static boolean onlyPlace(String text) {
        String rest = CUE.matcher(LEADING_JOINER.matcher(text.strip()).replaceFirst("")).replaceFirst("");
        Matcher place = PLACE.matcher(rest);
        return place.find() && words(rest.substring(0, place.start()) + " " + rest.substring(place.end())).stream()
                .noneMatch(StandaloneQuery::isContentWord);
    }

    /**
     * The follow-up with a stand-in for the thing the previous question asked about written out: "And the Lambda
     * one?" after "How big is the server jar?" asks about "the Lambda jar", "and later ones?" about "later starts".
     */
    private static String theThingFor(String text, String previous) {
        Matcher standIn = STAND_IN.matcher(text);
        if (!standIn.find() || !isContentWord(standIn.group(1))) {
            return text;
        }
        Focus focus = Focus.of(previous);
        if (focus.index() < 0) {
            return text;
        }
        String thing = focus.word(previous);
        return text.substring(0, standIn.start()) + standIn.group(1) + " " + thing + text.substring(standIn.end());
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
    private static String verbs(String text, boolean cloud) {
        return cloud ? RUN_GLASSBOX.matcher(text).replaceAll("deploy") : DEPLOY_GLASSBOX.matcher(text).replaceAll("run");
    }

    /**
     * The previous question with its focus, its last word that is not a function word, a common verb or a
     * place (English puts what is asked about last), replaced: "How many questions may one connection send?"
     * and "And each IP address?" make "How many questions may one each IP address send?", which retrieval
     * reads as meant. Null when it has no such word.
     */
    private static String swapFocus(String previous, String replacement) {
        Focus found = Focus.of(previous);
        List<int[]> spans = found.spans();
        int focus = found.index();
        List<String> replacing = words(replacement).stream().filter(StandaloneQuery::isContentWord).toList();
        if (focus < 0 || replacing.stream().allMatch(StandaloneQuery::asksForAProperty)
                && !asksForAProperty(previous.substring(spans.get(focus)[0], spans.get(focus)[1]))) {
            // A property takes the place of a property ("And the timeout?" after "What is the default port?"); one
            // asked of a thing ("And the cost?" after "How do I deploy it?") is asked of it, beside the question.
            return null;
        }
        if (focus > 0 && previous.substring(spans.get(focus - 1)[0], spans.get(focus - 1)[1]).equalsIgnoreCase("to")) {
            // The focus is a deed ("what JDK do I need to build it?"): the thing is asked the kind, not built.
            String ofThing = QuestionSubject.askedOf(previous, replacement);
            if (ofThing != null) {
                return ofThing;
            }
        }
        // A thing named in several words ("the stream worker") takes the place of as many words of the
        // previous question's focus ("route handler"), not of its last word only.
        int first = focus;
        while (first > 0 && focus - first + 1 < replacing.size()) {
            String before = previous.substring(spans.get(first - 1)[0], spans.get(first - 1)[1]);
            if (!isContentWord(before) || COMMON_VERBS.contains(before.toLowerCase(Locale.ROOT))) {
                break;
            }
            first--;
        }
        String head = previous.substring(0, spans.get(first)[0]);
        // The follow-up's own small words take the place of those before the focus: "…with Nova Lite?" and "And
        // with Claude Sonnet 4?" make one "with", "…for the route handler?" and "And on the stream worker?" an "on".
        Matcher preposition = LEADING_PREPOSITION.matcher(replacement);
        if (preposition.lookingAt()) {
            head = PREPOSITION_AT_END.matcher(head).replaceFirst("");
        } else if (LEADING_DETERMINER.matcher(replacement).lookingAt() && DETERMINER_AT_END.matcher(head).find()) {
            // "…may one connection send?" and "And each IP address?": "each" takes the place of "one".
            head = DETERMINER_AT_END.matcher(head).replaceFirst("");
        } else if (determined(head)) {
            replacement = LEADING_ARTICLE.matcher(replacement).replaceFirst("");
        }
        return head + replacement + previous.substring(spans.get(focus)[1]);
    }

    /**
     * The spans of a question's words and which of them is its focus: its last word that is not a function word, a
     * common verb, a place or a unit (English puts what is asked about last); index -1 when there is none.
     */
    private record Focus(List<int[]> spans, int index) {
        static Focus of(String question) {
            // Neither a place nor a unit ("per answer") is what is asked about: a thing takes a thing's place.
            List<int[]> places = new ArrayList<>();
            for (Pattern aside : List.of(PLACE, UNIT)) {
                Matcher place = aside.matcher(question);
                while (place.find()) {
                    places.add(new int[] {place.start(), place.end()});
                }
            }
            Matcher word = WORD.matcher(question);
            List<int[]> spans = new ArrayList<>();
            int focus = -1;
            while (word.find()) {
                String lower = word.group().toLowerCase(Locale.ROOT);
                int at = word.start();
                spans.add(new int[] {word.start(), word.end()});
                // "ranked" in "How are passages ranked?" says what is done to the thing asked about.
                if (isContentWord(lower) && !COMMON_VERBS.contains(lower) && !QuestionSubject.isParticiple(lower)
                        && places.stream().noneMatch(p -> at >= p[0] && at < p[1])) {
                    focus = spans.size() - 1;
                }
            }
            return new Focus(spans, focus);
        }

        String word(String question) {
            return question.substring(spans.get(index)[0], spans.get(index)[1]);
        }
    }

    /**
     * Whether the text ends in a noun phrase's article and the words that describe the noun: "…does the ", "What
     * is the default ", so the thing put after it needs no article of its own.
     */
    private static boolean determined(String head) {
        List<String> words = words(head);
        for (int i = words.size() - 1; i >= 0; i--) {
            String word = words.get(i);
            if (LEADING_ARTICLE.matcher(word + " ").matches()) {
                return true;
            }
            if (!isContentWord(word)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The names a question uses: runs of capitalised words, numbers may follow, as in "Claude Sonnet 4"
     * or "GLASSBOX_PORT"; the first word is left out, as it is capitalised anyway.
     */
    private static List<String> names(String text) {
        List<String> names = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        int runStart = -1;
        int runEnd = -1;
        boolean first = true;
        while (word.find()) {
            String w = word.group();
            boolean name = !first && !PRONOUN_I.matcher(w).matches() && (Character.isUpperCase(w.charAt(0))
                    || runStart >= 0 && Character.isDigit(w.charAt(0)));
            first = false;
            if (name && runStart < 0) {
                runStart = word.start();
            }
            if (name) {
                runEnd = word.end();
            } else if (runStart >= 0) {
                addName(names, text.substring(runStart, runEnd));
                runStart = -1;
            }
        }
        if (runStart >= 0) {
            addName(names, text.substring(runStart, runEnd));
        }
        return names;
    }

    private static void addName(List<String> names, String name) {
        if (!NEVER_SWAPPED.contains(name.toLowerCase(Locale.ROOT))) {
            names.add(name);
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words.add(word.group());
        }
        return words;
    }

    /** Whether a word only asks about a property of something (its port, its size) or is a common verb. */
    private static boolean asksForAProperty(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return PROPERTIES.contains(lower) || COMMON_VERBS.contains(lower) || SHORTCOMINGS.contains(lower);
    }

    private static boolean isContentWord(String word) {
        // "what's", "there's", "doesn't": a contraction is the word it contracts.
        String lower = CONTRACTED.matcher(word.toLowerCase(Locale.ROOT)).replaceFirst("");
        return !FUNCTION_WORDS.contains(lower) && !POINTING_BACK.contains(lower) && !LEANING.contains(lower);
    }
}

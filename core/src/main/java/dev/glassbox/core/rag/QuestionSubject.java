package dev.glassbox.core.rag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a question is about, read from its form, so that a follow-up's "it" or "that" can be written out:
 * "the daily budget" in "What is the daily budget?", "the port of the server" in "What port does the server
 * listen on?", or the deed in "How do I run the tests?" ("run the tests"). The form is a question word, what
 * it asks for, an auxiliary verb, then the subject and its verb; a question of another form has no subject
 * here, and a follow-up after it keeps the previous question only as context.
 *
 * @param phrase the subject as the question wrote it, with its article ("the daily budget"), or the deed
 * @param deed whether the question asks how to do something ("How do I …", "Can I …"): "that" is then doing it
 * @param thing whether a yes-or-no question asked about it ("Is there a container image?"): a later "it" means that
 *     thing, not a name its answer gave
 */
record QuestionSubject(String phrase, boolean deed, boolean thing) {
    QuestionSubject(String phrase, boolean deed) {
        this(phrase, deed, false);
    }

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_.'/-]*");
    private static final Set<String> QUESTION_WORDS = Set.of("what", "which", "how", "where", "when", "who");
    /** "How long does…", "How big is…": the word after "how" that asks for an amount, and the amount's name. */
    private static final Map<String, String> MEASURES = Map.ofEntries(Map.entry("much", "amount"),
            Map.entry("many", "number"), Map.entry("long", "time"), Map.entry("big", "size"), Map.entry("large", "size"),
            Map.entry("small", "size"), Map.entry("often", "frequency"), Map.entry("fast", "speed"),
            Map.entry("quickly", "speed"), Map.entry("old", "age"), Map.entry("far", "distance"),
            Map.entry("soon", "time"), Map.entry("heavy", "weight"));
    private static final Set<String> PREPOSITIONS = Set.of("on", "in", "at", "to", "for", "with", "from", "by", "of");
    private static final Set<String> DO_OR_MODAL = Set.of("does", "do", "did", "can", "could", "may", "might",
            "will", "would", "should", "must", "shall");
    private static final Set<String> DO = Set.of("does", "do", "did");
    private static final Set<String> BE_OR_HAVE = Set.of("is", "are", "was", "were", "has", "have", "had");
    /** Forms of "be" that open a yes-or-no question: "Is there a …", "Is the cloud stack deployed yet?". */
    private static final Set<String> BE = Set.of("is", "are", "was", "were");
    /** Words before a thing that only say there is one or some of it ("a limit", "any limits"). */
    private static final Set<String> COUNTED = Set.of("a", "an", "any", "some");
    private static final Set<String> ASKER = Set.of("i", "we", "you");
    /** Verbs that are seldom nouns, so one of them after a do-question's subject is its verb ("keep", "send"). */
    private static final Set<String> VERBS = Set.of("use", "run", "take", "need", "keep", "send", "get", "make",
            "support", "mean", "happen", "listen", "write", "read", "wait", "open", "embed", "publish", "accept", "hold",
            "allow", "expire", "deploy", "stay", "last", "remember", "rank", "find", "quote", "retry", "cancel", "serve",
            "reach", "handle", "contain", "include", "cover", "give", "let", "ask", "pay", "spend", "require");
    /** Words after which the subject and its verb are over: a preposition or a word that ends the clause. */
    private static final Set<String> CLOSING = Stream.concat(QuestionWords.PREPOSITIONS.stream(), Stream.of(
            "between", "before", "after", "during", "into", "when", "if", "unless", "while", "so", "and", "or", "than",
            "locally")).collect(Collectors.toUnmodifiableSet());
    /** Past participles that close a passive question ("How long are turns kept?") and are no part of its subject. */
    private static final Set<String> PARTICIPLES = Set.of("kept", "set", "done", "made", "sent", "run", "written",
            "stored", "built", "given", "taken", "shown", "held", "chosen", "read", "found", "known", "left", "put",
            "spent", "cut", "paid", "meant", "seen", "told", "hidden", "used");
    /** "stored", "configured", but not "speed" or "need". */
    private static final Pattern REGULAR_PARTICIPLE = Pattern.compile("(?i)\\p{L}{2,}[^e\\W]ed");
    /** Words that name nothing themselves: a subject of only these ("does it cost") is none. */
    private static final Set<String> POINTERS = Set.of("it", "that", "this", "they", "them", "these", "those", "there",
            "a", "an", "the");
    /** At most this many words name what a which-question asks for ("Which embedding model…"). */
    private static final int MAX_KIND_WORDS = 3;
    /** Verbs by which a yes-or-no question asks whether something has a thing ("does the cloud have a guardrail"). */
    private static final Set<String> HAVING = Set.of("have", "has", "offer", "include", "provide", "ship", "support",
            "come", "get");
    /**
     * Verbs by which it asks whether something uses or needs a thing: "how much does it cost?" after "does the cloud
     * deployment use a guardrail?" is the guardrail's cost, a thing of its own, not the deployment's.
     */
    private static final Set<String> USING = Set.of("use", "need", "require");
    /** Words before a thing that only hedge or count it: "some kind of content filter", "any sort of cap". */
    private static final Set<String> HEDGES = Set.of("a", "an", "the", "some", "any", "kind", "sort", "type", "of",
            "with", "sorts", "kinds");
    /** Nouns that name nothing a passage could be about ("is there a way to …"): no subject at all. */
    private static final Set<String> HOLLOW = Set.of("way", "ways", "thing", "things", "something", "anything",
            "option", "options", "it", "glassbox", "you", "this", "that");
    /** Prepositions that tie a thing to what it is for or of ("a cache for embeddings"). */
    private static final Set<String> OF_WHAT = Set.of("for", "of");
    /** At most this many words name the thing a yes-or-no question asks about; more is a clause, not a thing. */
    private static final int MAX_THING_WORDS = 4;

    /**
     * The question asked again with another question word and amount: "how long" and "How many turns are kept per
     * conversation?" make "how long are turns kept per conversation?", so the follow-up's amount is read with the
     * verb that says what kind it is (a duration of being kept). Null when the question has no such form.
     *
     * @param asking the follow-up's question word and amount ("how long", "for how long")
     */
    static String reasked(String asking, String question) {
        List<String> words = words(question);
        if (words.size() < 2) {
            return null;
        }
        if (BE.contains(lower(words.get(0))) && lower(words.get(1)).equals("there") && words.size() > 2) {
            // "Is there a daily spending limit?" asked whether the thing exists; "how much?" asks how much it is.
            List<String> thing = words.subList(2, words.size()).stream().dropWhile(w -> COUNTED.contains(lower(w)))
                    .toList();
            String named = String.join(" ", thing);
            return thing.isEmpty() ? null : asking.endsWith("many") ? asking + " " + named + " " + lower(words.get(0))
                    + " there?" : asking + " " + lower(words.get(0)) + " the " + named + "?";
        }
        if (isAuxiliary(words.get(0))) {
            // "Does Glassbox keep turns?": a yes-or-no question takes the question word in front.
            return asking + " " + lower(words.get(0)) + " " + String.join(" ", words.subList(1, words.size())) + "?";
        }
        Frame frame = Frame.of(words);
        if (frame == null) {
            return null;
        }
        int at = frame.auxiliary();
        int kindStart = frame.kindStart();
        // What a how-many question counted is what the new question asks about: the subject of a be-question ("are
        // turns kept"), the object of a do-question, after its verb ("does the local server keep conversations").
        List<String> rest = new ArrayList<>(words.subList(at + 1, words.size()));
        int verbEnd = DO_OR_MODAL.contains(lower(words.get(at))) ? 0 : -1;
        while (verbEnd >= 0 && verbEnd < rest.size() && !CLOSING.contains(lower(rest.get(verbEnd)))) {
            verbEnd++;
        }
        rest.addAll(Math.max(verbEnd, 0), words.subList(kindStart, at));
        return asking + " " + words.get(at) + " " + String.join(" ", rest) + "?";
    }

    /**
     * The question asked of another thing in place of the asker's own deed: "what JDK do I need to build it?" of "the
     * lambdas" is "what JDK do the lambdas need?", the kind it asks for kept. Null when the question does not ask for
     * a kind of thing by what the asker does.
     */
    static String askedOf(String question, String thing) {
        List<String> words = words(question);
        Frame frame = Frame.of(words);
        if (frame == null || frame.kindStart() == frame.auxiliary()) {
            return null;
        }
        int at = frame.auxiliary();
        List<String> rest = words.subList(at + 1, words.size());
        String auxiliary = lower(words.get(at));
        if (!DO_OR_MODAL.contains(auxiliary) || rest.size() < 2 || !ASKER.contains(lower(rest.get(0)))) {
            return null;
        }
        boolean plural = lower(thing).endsWith("s");
        String agreed = auxiliary.equals("do") || auxiliary.equals("does") ? plural ? "do" : "does" : auxiliary;
        return String.join(" ", words.subList(0, at)) + " " + agreed + " " + thing + " " + rest.get(1) + "?";
    }

    /** A measure of a thing named with an article: "the size of the lambda jar" (group 1 the thing). */
    private static final Pattern MEASURE_OF = Pattern.compile("(?i)the\\s+(?:" + String.join("|",
            new TreeSet<>(MEASURES.values())) + ")\\s+of\\s+((?:the|a|an)\\s+.+)");

    /**
     * The thing the subject measures ("the lambda jar" of "the size of the lambda jar"), which a later "it" means:
     * "what's the limit it has to stay under?" after "how large is the lambda jar?" is about the jar, and after such
     * a question "it" is never a name the answer gave on the way. Null when the subject is no such measure.
     */
    QuestionSubject measuredThing() {
        Matcher of = MEASURE_OF.matcher(phrase);
        return !deed && of.matches() ? new QuestionSubject(of.group(1), false) : null;
    }

    /** The subject of a question, or null when its form does not say one. */
    static QuestionSubject of(String question) {
        List<String> words = words(question);
        Frame frame = Frame.of(words);
        if (frame == null) {
            return words.size() > 2 && isAuxiliary(words.get(0)) ? whether(words) : null;
        }
        int at = frame.auxiliary();
        String degree = frame.kindStart() == 2 ? lower(words.get(1)) : null;
        String kind = String.join(" ", words.subList(frame.kindStart(), at));
        boolean doForm = DO_OR_MODAL.contains(lower(words.get(at)));
        List<String> rest = words.subList(at + 1, words.size());
        if (ASKER.contains(lower(rest.get(0)))) {
            // "How do I run the tests?": what follows the asker is the deed.
            return rest.size() > 1 && kind.isEmpty() && doForm
                    ? new QuestionSubject(String.join(" ", rest.subList(1, rest.size())), true) : null;
        }
        int end = 0;
        while (end < rest.size() && !CLOSING.contains(lower(rest.get(end)))) {
            end++;
        }
        // A do-question's subject ends before its verb ("does the server need", "does the local server keep finished
        // answers"): a word that is seldom a noun, else the clause's last word; a passive one's before its participle.
        boolean passive = !doForm && end > 0 && isParticiple(rest.get(end - 1));
        int verbAt = end - 1;
        for (int i = 1; doForm && i < end - 1; i++) {
            // Right after "the" it names a kind of thing: "the deploy workflow".
            if (VERBS.contains(lower(rest.get(i))) && !POINTERS.contains(lower(rest.get(i - 1)))) {
                verbAt = i;
                break;
            }
        }
        int subjectEnd = doForm ? verbAt : passive ? end - 1 : end;
        // "What does Glassbox use for embeddings?" asks about what it uses: "how big is it?" is not about Glassbox.
        if (subjectEnd <= 0 || rest.subList(0, subjectEnd).stream()
                .allMatch(w -> POINTERS.contains(lower(w)) || HOLLOW.contains(lower(w)))) {
            // "What port does it run on?": "it" is Glassbox, so what is asked about is the kind asked for, the port.
            return kind.isEmpty() || !"what".equals(lower(words.get(0))) && !"which".equals(lower(words.get(0)))
                    ? null : new QuestionSubject("the " + kind, false);
        }
        String subject = String.join(" ", rest.subList(0, subjectEnd));
        String measured = "many".equals(degree) && !kind.isEmpty() ? "number of " + kind
                : !kind.isEmpty() ? kind : degree == null ? null : MEASURES.get(degree);
        if (measured == null) {
            // "What is the daily budget?", "What does one answer cost?": the subject itself.
            return new QuestionSubject(subject, false);
        }
        if (!doForm && !passive) {
            return new QuestionSubject("the " + measured + " of " + subject, false);
        }
        // "the memory the server needs", "the port the server listens on", "the time conversation turns are kept".
        String auxiliary = words.get(at);
        String verb = rest.get(verbAt);
        String clause = (lower(auxiliary).equals("does") ? thirdPerson(verb)
                : lower(auxiliary).equals("do") ? verb : auxiliary + " " + verb)
                + (verbAt + 1 < end ? " " + String.join(" ", rest.subList(verbAt + 1, end)) : "");
        String closing = end == rest.size() - 1 && PREPOSITIONS.contains(lower(rest.get(end))) ? " " + rest.get(end) : "";
        return new QuestionSubject("the " + measured + " " + subject + " " + clause + closing, false);
    }

    /**
     * The thing a yes-or-no question asks about: what "is there" names ("the container image"), what the subject
     * "has" ("the content filter of the AWS version"), else the subject ("the cloud version" remembers), or the
     * object when the subject is Glassbox itself ("Does Glassbox use WebSockets?"). Null when none names a thing.
     */
    private static QuestionSubject whether(List<String> words) {
        List<String> rest = words.subList(1, words.size());
        if (lower(rest.get(0)).equals("there")) {
            return thingOf(rest.subList(1, rest.size()), null);
        }
        if (BE.contains(lower(words.get(0)))) {
            // "Is the cloud stack deployed yet?" asks about its subject, up to the participle, and a later "it" means
            // it ("how would I deploy it?"), not a name its answer gave.
            int participle = 1;
            while (participle < rest.size() && !isParticiple(rest.get(participle))) {
                participle++;
            }
            List<String> subject = rest.subList(0, Math.min(participle, rest.size()));
            boolean hollow = subject.stream().allMatch(w -> HOLLOW.contains(lower(w)) || POINTERS.contains(lower(w))
                    || ASKER.contains(lower(w)));
            return participle >= rest.size() || hollow || subject.size() > MAX_THING_WORDS ? null
                    : new QuestionSubject(String.join(" ", subject), false, true);
        }
        boolean doForm = DO.contains(lower(words.get(0)));
        if (!DO_OR_MODAL.contains(lower(words.get(0))) || ASKER.contains(lower(rest.get(0)))) {
            // "Is the server up?" has no clear end of its subject; "Can I …" asks about a deed.
            return null;
        }
        int verbAt = -1;
        for (int i = 1; i < rest.size() && verbAt < 0; i++) {
            String word = lower(rest.get(i));
            verbAt = (VERBS.contains(word) || HAVING.contains(word)) && !POINTERS.contains(lower(rest.get(i - 1)))
                    ? i : -1;
        }
        if (verbAt < 0) {
            return null;
        }
        List<String> subject = rest.subList(0, verbAt);
        List<String> object = rest.subList(verbAt + 1, rest.size());
        boolean hollow = subject.stream().allMatch(w -> HOLLOW.contains(lower(w)) || POINTERS.contains(lower(w)));
        if (HAVING.contains(lower(rest.get(verbAt))) || USING.contains(lower(rest.get(verbAt))) || hollow) {
            return thingOf(object, hollow || USING.contains(lower(rest.get(verbAt))) ? null : String.join(" ", subject));
        }
        // "Can the server run in a container?" may be followed by "how big is it?" about the container, and "how long
        // are they kept?" after "do the lambda functions write logs?" about the logs.
        boolean objectless = object.isEmpty() || CLOSING.contains(lower(object.get(0))) || lower(object.get(0)).equals("as");
        return subject.size() > MAX_THING_WORDS || !doForm || !objectless ? null : new QuestionSubject(String.join(" ", subject), false, true);
    }

    /** The thing the words open with, hedges dropped, up to a preposition; "of" its owner when one is given. */
    private static QuestionSubject thingOf(List<String> words, String owner) {
        int start = 0;
        while (start < words.size() && HEDGES.contains(lower(words.get(start)))) {
            start++;
        }
        int end = start;
        while (end < words.size() && !CLOSING.contains(lower(words.get(end)))) {
            end++;
        }
        List<String> thing = words.subList(start, end);
        // "a cache for embeddings", "a certificate for a custom domain": what it is for or of belongs to the thing; where
        // it is ("in the cloud") does not.
        int of = end;
        while (of < words.size() && of - end < 4 && (of == end ? OF_WHAT.contains(lower(words.get(of)))
                : !CLOSING.contains(lower(words.get(of))))) {
            of++;
        }
        // A thing with a name of its own ("an AWS Budgets alert", "WebSockets") is searched by that name already.
        if (thing.isEmpty() || thing.size() > MAX_THING_WORDS || HOLLOW.contains(lower(thing.get(thing.size() - 1)))
                || thing.stream().anyMatch(w -> !w.equals(lower(w)))) {
            return null;
        }
        String phrase = "the " + String.join(" ", thing) + (of > end + 1 ? " " + String.join(" ", words.subList(end, of))
                : "");
        return new QuestionSubject(owner == null ? phrase : phrase + " of " + owner, false, true);
    }

    /** "needs", "pauses", "watches", "tries": the verb after a singular subject. */
    private static String thirdPerson(String verb) {
        if (verb.equalsIgnoreCase("have")) {
            return "has";
        }
        if (verb.matches("(?i).*(?:s|x|z|sh|ch|o)")) {
            return verb + "es";
        }
        return verb.matches("(?i).*[^aeiou]y") ? verb.substring(0, verb.length() - 1) + "ies" : verb + "s";
    }

    /** Whether the word is a past participle that a passive question closes with ("set", "kept"). */
    static boolean isParticiple(String word) {
        return PARTICIPLES.contains(lower(word)) || REGULAR_PARTICIPLE.matcher(word).matches();
    }

    /**
     * Where a question's parts start: its question word, then the amount it asks for ("how long"), what it asks for
     * ("Which embedding model"), from {@code kindStart}, and the auxiliary verb at {@code auxiliary}.
     */
    private record Frame(int kindStart, int auxiliary) {
        /** Null when the question has no such form: "Which model writes the answers?" asks for its own subject. */
        static Frame of(List<String> words) {
            if (words.size() < 3 || !QUESTION_WORDS.contains(lower(words.get(0)))) {
                return null;
            }
            int at = lower(words.get(0)).equals("how") && MEASURES.containsKey(lower(words.get(1))) ? 2 : 1;
            int kindStart = at;
            while (at < words.size() && !isAuxiliary(words.get(at)) && at - kindStart < MAX_KIND_WORDS) {
                at++;
            }
            return at >= words.size() - 1 || !isAuxiliary(words.get(at)) ? null : new Frame(kindStart, at);
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            words.add(word.group().replaceAll("[.]+$", ""));
        }
        return words;
    }

    private static boolean isAuxiliary(String word) {
        return DO_OR_MODAL.contains(lower(word)) || BE_OR_HAVE.contains(lower(word));
    }

    private static String lower(String word) {
        return word.toLowerCase(Locale.ROOT);
    }
}

package dev.glassbox.server.local.understanding;

import dev.glassbox.server.local.knowledge.KnowledgeAnalyzer;
import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Lexicon;
import dev.glassbox.server.local.knowledge.QuestionForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a question asks about that a passage must speak of ({@link Understanding.Action}): a deed it asks how to
 * do ("How do I rename a session?"), a thing it asks whether Glassbox has or does ("Is there a mobile app?"), how
 * many of a thing there are, or who does something. Only the question's form is read here; {@link ActionCheck}
 * judges the passages.
 */
final class ActionReader {
    private ActionReader() {
    }

    private static final KnowledgeAnalyzer AS_WRITTEN = KnowledgeAnalyzer.forTextAsWritten();

    /**
     * How a question asks how to do something, or whether one can ("how do I", "can we", "is it possible to",
     * "is there a way to"), then a verb (group 1) and up to four words of what it is done to (group 2), which end
     * at a preposition, a conjunction or the end of the clause.
     */
    private static final Pattern ASKS_DEED = Pattern.compile("\\b(?:how\\s+(?:do|can|could|would|should|might|will)"
            + "\\s+(?:i|we|you|one|people|visitors?|users?)|how\\s+to|(?:can|could|may|should)\\s+(?:i|we|you|one|"
            + "people|visitors?|users?)|is\\s+(?:it|there\\s+a\\s+way)\\s+(?:possible\\s+)?to|(?:a\\s+way|possible|"
            + "able)\\s+to)\\s+(?:also\\s+|just\\s+|easily\\s+|still\\s+)?(\\p{L}[\\p{L}-]*)((?:\\s+(?!(?:to|in|on|onto|"
            + "into|for|from|with|without|by|at|of|via|after|before|when|while|so|and|or|if|as|than|then|later|"
            + "again|now)\\b)[\\p{L}\\p{N}'-]+){0,4})", Pattern.CASE_INSENSITIVE);
    /**
     * A question word other than "how" right before {@link #ASKS_DEED}'s "can I" ("where can I scrape the
     * metrics?"): the question asks for a place, a time or a thing, which a passage gives in its own verbs; what
     * it is done to is the thing asked about.
     */
    private static final Pattern ASKS_OTHER_THAN_HOW = Pattern.compile("\\b(?:where|when|what|which|why|who)\\s*$",
            Pattern.CASE_INSENSITIVE);
    /** The words of a thing, and what may follow them in its clause: up to a question mark or a full stop. */
    private static final Pattern THING_TEXT = Pattern.compile("[\\p{L}\\p{N}'\\s-]*");
    /**
     * Verbs that say only that something is set, chosen, used or put somewhere, so that their object says what is
     * done ("switch the backend", "enable verbose tracing", "add my own documents"): the docs say it with a
     * setting's name or another such verb ("GLASSBOX_BACKEND chooses the agent"), which no embedding of the verb finds.
     */
    private static final Set<String> LIGHT_VERBS = Set.of("add", "set", "change", "switch", "choose", "pick", "select", "enable",
            "disable", "turn", "configure", "adjust", "tweak", "customize", "customise", "modify", "specify", "define",
            "control", "manage", "handle", "put", "let", "keep", "have", "do", "install", "open", "access", "reach",
            "point", "provide", "apply", "view", "show", "read", "check", "run", "start", "stop", "call", "pass",
            "send", "be", "become", "avoid", "prevent", "allow", "limit", "increase", "decrease", "raise", "lower",
            // Verbs of putting something somewhere or in place of another: where, or what, says what is done.
            "stick", "shove", "pop", "plonk", "place", "insert", "bundle", "bake", "pack", "package", "embed", "swap",
            "replace");
    /**
     * The irregular participles of light verbs, which stemming does not take back to the verb: "Is the price table kept
     * up to date?" asks whether it is updated, which the docs say in their own verb.
     */
    private static final Map<String, String> LIGHT_PARTICIPLES = Map.of("kept", "keep", "shown", "show", "sent", "send",
            "done", "do", "had", "have", "chosen", "choose");
    /** The terms of the light verbs: a verb typed otherwise ("chnage") is read as the docs' word first. */
    private static final Set<String> LIGHT_VERB_TERMS = Set.copyOf(KnowledgeIndex.terms(
            KnowledgeAnalyzer.forTextAsWritten(), String.join(" ", LIGHT_VERBS)));
    /**
     * Whether Glassbox, or a part of it, does something or has something: "does it", "can the page", "will
     * Glassbox", "do you", then its subject's other words, verb and object (group 1, read by {@link #thing}).
     */
    private static final Pattern ASKS_DOES = Pattern.compile("^\\W*(?:does|do|did|can|could|will|would)\\s+((?:it|this|"
            + "glassbox|you|(?:the|your|its|this)\\s)[\\p{L}\\p{N}'\\s-]*)", Pattern.CASE_INSENSITIVE);
    /** Whether there is a thing (group 1): "Is there a mobile app?", "Are there any plugins?". */
    private static final Pattern ASKS_THERE = Pattern.compile("^\\W*(?:is|are)\\s+there\\s+(?:(?:a|an|any|some)\\s+)?"
            + "([\\p{L}\\p{N}'\\s-]*)", Pattern.CASE_INSENSITIVE);
    /** How many of a thing (group 1, read by {@link #thing}): "How many monthly active users does it have?". */
    private static final Pattern ASKS_COUNT = Pattern.compile("\\bhow\\s+many\\s+([\\p{L}\\p{N}'\\s-]*)",
            Pattern.CASE_INSENSITIVE);
    /** Auxiliaries, modals and articles: after "how many", they end what is counted. */
    private static final Set<String> AUXILIARIES = Set.of("is", "are", "was", "were", "be", "been", "do", "does", "did",
            "can", "could", "may", "might", "will", "would", "should", "must", "has", "have", "had", "a", "an", "the",
            "per", "until", "each", "every");
    /** Which things (group 1) there are or Glassbox offers: "What pricing plans are there?", "Which tiers do you offer?". */
    private static final Pattern ASKS_WHICH_THERE = Pattern.compile("^\\W*(?:what|which)\\s+((?:[\\p{L}\\p{N}'-]+\\s+){1,3}?)"
            + "(?:(?:are|is)\\s+there|(?:do|does|can)\\s+(?:you|it|glassbox)"
            + "\\s+(?:offer|have|provide|sell)|(?:are|is)\\s+(?:offered|available|on\\s+offer))\\b", Pattern.CASE_INSENSITIVE);
    /**
     * Whether Glassbox, or a part of it, has been done something to: "Is the page translated…?", "Is it hosted…?";
     * group 1 as {@link #ASKS_DOES}'s, its verb a participle ({@link #PARTICIPLE}).
     */
    private static final Pattern ASKS_DONE = Pattern.compile("^\\W*(?:is|are|was|were)\\s+((?:it|this|glassbox|"
            + "(?:the|your|its|this)\\s)[\\p{L}\\p{N}'\\s-]*)", Pattern.CASE_INSENSITIVE);
    /** A past participle: regular ("translated"), or one of the common irregular ones ("written", "kept"). */
    private static final Pattern PARTICIPLE = Pattern.compile("\\p{L}{2,}ed|written|hidden|taken|given|chosen|broken|"
            + "shown|known|built|kept|sent|made|done|found|held|sold|paid|run|read|set|spent|split|shut|stolen",
            Pattern.CASE_INSENSITIVE);
    /**
     * Who does something: "who", or "which company" and the like, perhaps an auxiliary, then the verb (group 1):
     * "Who built Glassbox?", "Who is behind it?", "Which company makes it?".
     */
    private static final Pattern ASKS_WHO = Pattern.compile("^\\W*(?:who|whom|(?:which|what)\\s+(?:company|companies|"
            + "person|people|team|organi[sz]ations?|vendors?|developers?))\\s+(?:(?:is|are|was|were|does|do|did|can|"
            + "could|will|would|has|have|had)\\s+)*([\\p{L}-]+)", Pattern.CASE_INSENSITIVE);
    /** Words that end the words of a thing: prepositions, conjunctions and question words. */
    private static final Set<String> ENDS_THING = Set.of("to", "in", "on", "onto", "into", "for", "from", "with",
            "without", "by", "at", "of", "via", "after", "before", "when", "while", "so", "and", "or", "if", "as",
            "than", "then", "later", "again", "now", "like", "about", "outside", "inside", "within", "across",
            "through", "over", "under", "instead", "what", "which", "who", "where", "whether", "how", "why");
    /** Verbs that only say that Glassbox has, offers or takes a thing: what is asked about is the thing. */
    private static final Set<String> HAVING_VERBS = Set.of("has", "have", "had", "support", "supports", "offer", "offers",
            "include", "includes", "contain", "contains", "come", "comes", "ship", "ships", "require", "requires",
            "cover", "covers", "accept", "accepts", "cost", "costs", "mean", "means", "expose", "exposes", "list",
            "lists", "feature", "features", "provide", "provides", "own", "owns", "hold", "holds", "carry", "carries");
    /** What a who-question's verb is when it asks who is in a role: "Who is the CEO?". */
    private static final Set<String> DETERMINERS = Set.of("the", "a", "an", "your", "its", "their", "our");
    /**
     * A particle right after a deed's verb with no object: "in" or "on" then nothing or a preposition ("log in", "sign
     * on with GitHub") or joined to "to" ("log into my account"); "up", "out" or "off" then nothing or a preposition
     * ("sign up for it", "log out"). With an object between or after them, such particles make the everyday phrasal
     * verbs that {@link #PHRASAL} exempts ("speed it up", "clean up old files").
     */
    private static final Pattern LONE_PARTICLE = Pattern.compile("\\s+(in|on)(?:to\\b|\\b(?=\\s*(?:$|[?.!,;:]|(?:with|"
            + "using|via|through|to|into|from|at|as|again|now|here|there)\\b)))|\\s+(up|out|off)\\b(?=\\s*(?:$|[?.!,;:]|(?:for|of|"
            + "with|using|via|through|from|at|again|now|here|there)\\b))", Pattern.CASE_INSENSITIVE);
    /**
     * Others as the subject of a deed: what others do into or onto something ("Can people break into my server?") is
     * done to the visitor's thing, which the docs describe by what defends it, not by the phrasal verb.
     */
    private static final Pattern OTHERS = Pattern.compile("(?i)\\b(?:people|visitors?|users?|one)\\b");
    /** Subjects of {@link #ASKS_DOES} that are one word. */
    private static final Set<String> ONE_WORD_SUBJECTS = Set.of("it", "this", "glassbox", "you");
    /** The words a thing has at most. */
    private static final int THING_WORDS = 4;
    /**
     * Nouns of a thing that only sets, serves or stands for something ("a config option for the port", "a way for
     * visitors"): what it is for is what a passage must speak of, in words the docs choose ("GLASSBOX_PORT").
     */
    private static final Set<String> GENERIC_TERMS = Set.copyOf(KnowledgeIndex.terms(AS_WRITTEN, "option options "
            + "setting settings config configuration parameter parameters flag flags variable variables knob toggle "
            + "way ways feature features version versions edition editions variant variants flavour flavours flavor flavors "
            + "tool tools mechanism means method"));
    /**
     * Nouns of a description ("a formal spec of the messages", "docs for the protocol"): what the docs describe is
     * what it describes, in the docs' own words, which never call themselves a specification.
     */
    private static final Set<String> DESCRIBING_TERMS = Set.copyOf(KnowledgeIndex.terms(AS_WRITTEN, "specification "
            + "specifications documentation description descriptions overview reference schema diagram explanation "
            + "write-up writeup summary"));
    /**
     * A particle as a part of a hyphenated verb done to something ("thumbs-down a bad answer", "up-vote it"): an
     * everyday phrasal verb, whose meaning the docs give in words of their own ("rate", "Not helpful").
     */
    private static final Pattern PARTICLE_PART = Pattern.compile("(?i)(?:^|-)(?:up|down|off|out|over|away|back|around|in|on)"
            + "(?:-|$)");
    /** A particle right after the verb of {@link #ASKS_DEED}, or ending its object: the verb is phrasal. */
    private static final Pattern PHRASAL = Pattern.compile("^\\s*(?:up|down|off|out|over|away|back|around)\\b"
            + "|\\b(?:up|down|off|out|over|away|back|around)\\s*$", Pattern.CASE_INSENSITIVE);

    /**
     * What the question asks about that a passage must speak of ({@link Action}), or null. None for a follow-up:
     * what it asks about is what the answer before it described, in that answer's words, not the visitor's.
     */
    static Understanding.Action of(KnowledgeIndex index, String question, List<String> terms,
                                   Map<String, String> words) {
        Matcher deed = ASKS_DEED.matcher(question);
        Matcher particle = deed.find() ? LONE_PARTICLE.matcher(question).region(deed.end(1), question.length()) : null;
        if (particle != null && particle.lookingAt() && particle.end() >= deed.end() && !(particle.group(0).endsWith("to")
                && OTHERS.matcher(question.substring(deed.start(), deed.start(1))).find())) {
            // "log in", "sign up for it", "where can I sign up?": the verb and its particle are the deed.
            return phrasal(index, deed.group(1), particle.group(1) != null ? particle.group(1) : particle.group(2));
        }
        if (deed.find(0) && ASKS_OTHER_THAN_HOW.matcher(question.substring(0, deed.start())).find()) {
            // "Where can I scrape the metrics?": the place is said in the docs' verbs; what it is of must be said,
            // unless the verb only sets or uses it ("where can I set the port?"), as for a deed.
            Set<String> verbTerms = index.contentTerms(deed.group(1));
            Matcher thing = THING_TEXT.matcher(question).region(deed.start(2), question.length());
            return verbTerms.isEmpty() || LIGHT_VERB_TERMS.containsAll(verbTerms) || !thing.lookingAt() ? null
                    : thing(index, thing.group(), Subject.NONE, terms, words);
        }
        if (deed.find(0)) {
            return deed(index, deed, terms);
        }
        Matcher who = ASKS_WHO.matcher(question);
        if (who.find()) {
            String verb = who.group(1);
            String asked = question.substring(who.start()).replaceAll("^\\W+|[\\s?.!]+$", "");
            asked = asked.substring(0, 1).toLowerCase(Locale.ROOT) + asked.substring(1);
            if (DETERMINERS.contains(verb.toLowerCase(Locale.ROOT))) {
                // "Who is the CEO (of Glassbox)?": who is in a role, which the sentence naming them must say.
                List<String> role = index.contentTerms(thingWords(question.substring(who.end()))).stream()
                        .filter(terms::contains).toList();
                return new Understanding.Action("", List.of(), asked, role, role.stream().map(words::get).toList(), Understanding.Form.WHO);
            }
            List<String> verbTerms = ONE_WORD_SUBJECTS.contains(verb.toLowerCase(Locale.ROOT)) ? List.of()
                    : List.copyOf(KnowledgeIndex.terms(AS_WRITTEN, verb));
            return new Understanding.Action(verb, verbTerms, asked, List.of(), List.of(), Understanding.Form.WHO);
        }
        Matcher price = ASKS_PRICE.matcher(question);
        if (price.find()) {
            return priced(index, price.group(1), terms, words);
        }
        for (Map.Entry<Pattern, Subject> asks : THING_ASKED) {
            Matcher thing = asks.getKey().matcher(question);
            if (thing.find()) {
                return thing(index, thing.group(1), asks.getValue(), terms, words);
            }
        }
        return null;
    }

    /**
     * What a price is asked of (group 1): "How much is the team plan?", "How much does a custom metric cost?", "How much
     * per seat?", "What does an idle month cost?", "What's the price of Nova Pro?", "What do I pay for the guardrail?",
     * "Is the local agent free?", "Is the cloud stack worth it?".
     */
    private static final Pattern ASKS_PRICE = Pattern.compile("^\\W*(?:" + String.join("|",
            "(?:what|how\\s+much)\\s+(?:do|does|would|will|should)\\s+(?:i|we|you|one)\\s+pay\\s+for",
            "how\\s+much\\s+(?:is|are|was|were|does|do|did|would|will|could|might|per|for)",
            // "what does X cost": only with the price verb after the thing, as "what does X show" asks no price
            "what\\s+(?:does|do|did|would|will|might)(?=(?:\\s+[\\p{L}\\p{N}',.-]+){1,5}\\s+(?:cost|costs|charge|charges)\\b)",
            "what(?:'s|\\s+is|\\s+are|\\s+was)\\s+the\\s+(?:price|cost|pricing|fee|charge)s?\\s+(?:of|for)",
            "(?:is|are)(?=(?:\\s+[\\p{L}\\p{N}'-]+){1,4}\\s+(?:free|expensive|cheap|pricey|costly|affordable|worth)\\b)")
            + ")\\s+([\\p{L}\\p{N}',.\\s-]*)", Pattern.CASE_INSENSITIVE);
    /** Words that end what a price is asked of: its verb, a rate ("a month", "per answer") or a preposition. */
    private static final Set<String> ENDS_PRICED = Set.of("cost", "costs", "charge", "charges", "add", "adds", "run",
            "runs", "bill", "bills", "come", "comes", "be", "but", "per", "a", "an", "each", "every", "free", "expensive",
            "cheap", "pricey", "costly", "affordable", "worth", "is", "are", "do", "does", "will", "would", "can", "could");
    /** Words before what a price is asked of that only point at it or count it. */
    private static final Set<String> POINTING = Set.of("the", "a", "an", "my", "our", "your", "its", "their", "this",
            "that", "these", "those", "one", "each", "every", "per");
    /**
     * Words of a priced thing that only say how many or which of it ("an extra seat", "a single answer"), not what
     * kind of thing it is.
     */
    private static final Set<String> COUNTING = Set.of("extra", "additional", "single", "another", "other", "more",
            "typical", "average", "whole", "entire", "total", "full", "first", "next", "last");
    /** A number in words ("a thousand questions", "a few hundred visitors"), which counts as digits do. */
    private static final Pattern NUMBER_WORD = Pattern.compile("(?:" + Lexicon.NUMBER_WORDS
            + "|sixty|seventy|eighty|ninety|million|billion|couple|few|several)s?");

    /**
     * What a question asks the price of, as a thing a passage must speak of, or null when it names none ("How much
     * is it?", "What does Glassbox cost?"). A price of a kind of thing ("the team plan", "a yearly subscription") is
     * a price of that kind: a passage must say each of its words, not only its last ("plan", which the docs use of
     * Terraform), nor only its first; words that count or grade it ("an extra seat", "the cheapest model") need not
     * be said.
     */
    private static Understanding.Action priced(KnowledgeIndex index, String rest, List<String> terms,
                                               Map<String, String> words) {
        List<String> kept = new ArrayList<>();
        for (String token : rest.strip().split("\\s+")) {
            String lower = token.toLowerCase(Locale.ROOT);
            if (kept.isEmpty() && POINTING.contains(lower)) {
                continue;
            }
            if (kept.size() >= THING_WORDS || ENDS_THING.contains(lower) || ENDS_PRICED.contains(lower)) {
                break;
            }
            kept.add(token);
        }
        String object = String.join(" ", kept);
        List<String> needed = named(spokenTerms(index, object, terms).stream().filter(term -> !term.matches(".*\\d.*")
                && !COUNTING.contains(words.getOrDefault(term, term))
                && !NUMBER_WORD.matcher(words.getOrDefault(term, term)).matches() && !Lexicon.gradable(words.getOrDefault(term,
                term))).toList());
        return needed.isEmpty() ? null : new Understanding.Action("", List.of(), object, needed,
                needed.stream().map(words::get).toList(), Understanding.Form.THING);
    }

    /**
     * The deed of a how-question, or null: none when its verb only makes it a question ("how do I use", "can I
     * get"), is a light verb ({@link #LIGHT_VERBS}) or is none of the question's terms, or it is done to nothing
     * the question names ("How do I monitor it?": the product as a whole, which the docs describe in many words),
     * or a passage of the docs says the verb and its object in its own words, where retrieval may have missed it
     * ("publishes the page"), or it is a phrasal verb ("spin up", "shut it down"), whose meaning is not its verb's
     * and which the embedder, reading word by word, cannot match to the docs' verb.
     */
    private static Understanding.Action deed(KnowledgeIndex index, Matcher deed, List<String> terms) {
        List<String> verbTerms = List.copyOf(index.contentTerms(deed.group(1)));
        if (verbTerms.isEmpty() || LIGHT_VERB_TERMS.containsAll(verbTerms)
                || !terms.containsAll(verbTerms) || PHRASAL.matcher(deed.group(2)).find()
                || PARTICLE_PART.matcher(deed.group(1)).find()) {
            return null;
        }
        List<String> objectTerms = index.contentTerms(deed.group(2)).stream().filter(terms::contains).toList();
        if (objectTerms.isEmpty() || index.onePassageSays(verbTerms, objectTerms)) {
            return null;
        }
        return new Understanding.Action(deed.group(1), verbTerms, deed.group(2).strip(), objectTerms, List.of(), Understanding.Form.HOW);
    }

    /**
     * How to do what a verb and a particle with nothing after them say ("log in", "sign on"), or null when the verb
     * only says that something is set or used ("turn on"): the docs describe that with its object's words.
     */
    private static Understanding.Action phrasal(KnowledgeIndex index, String verb, String particle) {
        List<String> verbTerms = List.copyOf(index.contentTerms(verb));
        if (verbTerms.isEmpty() || LIGHT_VERB_TERMS.containsAll(verbTerms)) {
            return null;
        }
        String lower = particle.toLowerCase(Locale.ROOT);
        return new Understanding.Action(verb, verbTerms, lower, List.of(), List.of(), Understanding.Form.PHRASAL);
    }

    /** The words of a thing at the start of the text: up to a preposition, a conjunction or a question word. */
    private static String thingWords(String text) {
        List<String> kept = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (kept.size() >= THING_WORDS || ENDS_THING.contains(word.toLowerCase(Locale.ROOT))) {
                break;
            }
            kept.add(word);
        }
        return String.join(" ", kept);
    }

    /**
     * The thing a yes-or-no question asks whether Glassbox has or does: after "is there", its words; after "does
     * it" and the like, the words after the verb ("home" of "Does it phone home?", "answers aloud" of "Can the page
     * read answers aloud?"), the subject being "it" or "the" and the longest run of words the docs write in a row
     * ("the local server"). Its words end at a preposition, a conjunction or a question word; a thing followed by
     * "to" is the means of a deed ("a shortcut to stop an answer"), not what is asked about. Of its terms, the
     * rarest in the docs must be said: the others are often the docs' own words for something else ("app"). After
     * "is it" and the like, the thing is the participle ("translated" of "Is the page translated into other
     * languages?"): what is asked is whether that is done, an adverb after it ("automatically") only how.
     */
    private static Understanding.Action thing(KnowledgeIndex index, String rest, Subject subject, List<String> terms,
                                Map<String, String> words) {
        List<String> tokens = List.of(rest.strip().split("\\s+"));
        int at = 0;
        String verb = "";
        if (subject == Subject.AND_PARTICIPLE) {
            // The subject is a noun phrase, so its first participle is the verb's; one right after its determiner
            // says what kind the subject is ("the hosted version"), not what was done to it.
            at = DETERMINERS.contains(tokens.get(0).toLowerCase(Locale.ROOT)) ? 2 : 1;
            while (at < tokens.size() && at <= THING_WORDS && !PARTICIPLE.matcher(tokens.get(at)).matches()) {
                at++;
            }
            if (at >= tokens.size() || at > THING_WORDS
                    || LIGHT_VERBS.contains(LIGHT_PARTICIPLES.getOrDefault(tokens.get(at).toLowerCase(Locale.ROOT), ""))
                    || LIGHT_VERB_TERMS.containsAll(index.contentTerms(tokens.get(at)))) {
                // "Is the page bundled inside the jar?": a verb of putting asks where, not about the verb.
                return null;
            }
        } else if (subject == Subject.AND_VERB) {
            boolean oneWord = ONE_WORD_SUBJECTS.contains(tokens.get(0).toLowerCase(Locale.ROOT));
            at = oneWord ? 1 : 2;
            // Only a noun phrase goes on ("the local server"): "it work on" of "will it work on…" is no subject.
            while (!oneWord && at < tokens.size() - 1 && at < 4
                    && index.mentionsPhrase(String.join(" ", tokens.subList(0, at + 1)) + " ")) {
                at++;
            }
            if (at >= tokens.size()) {
                return null;
            }
            verb = tokens.get(at++);
        }
        // What it does is part of what is asked, unless the verb only has or uses the thing ("does it support…").
        List<String> verbTerms = verb.isEmpty() ? List.of() : index.contentTerms(verb).stream().filter(terms::contains)
                .toList();
        if (LIGHT_VERB_TERMS.containsAll(verbTerms) || HAVING_VERBS.contains(verb.toLowerCase(Locale.ROOT))) {
            verbTerms = List.of();
        }
        int end = subject == Subject.AND_PARTICIPLE ? at + 1 : at;
        // What is counted ends at the verb that asks about it too: "how many questions may…", "how many tests does…".
        while (end < tokens.size() && end - at < THING_WORDS && subject != Subject.AND_PARTICIPLE
                && !ENDS_THING.contains(tokens.get(end).toLowerCase(Locale.ROOT))
                && !(subject == Subject.COUNTED && AUXILIARIES.contains(tokens.get(end).toLowerCase(Locale.ROOT)))) {
            end++;
        }
        if (end < tokens.size() && tokens.get(end).equalsIgnoreCase("to")) {
            return null;
        }
        // An adverb after the thing says how or when it is done ("stop an answer halfway"), not what is asked about.
        int thingEnd = end;
        while (subject == Subject.AND_VERB && thingEnd > at && adverb(tokens.get(thingEnd - 1))) {
            thingEnd--;
        }
        String object = String.join(" ", tokens.subList(at, thingEnd));
        if (noThing(tokens.subList(at, thingEnd))) {
            return null;
        }
        List<String> objectTerms = spokenTerms(index, object, terms);
        List<String> needed = new ArrayList<>(subject == Subject.COUNTED ? counted(index, objectTerms)
                : rarest(index, named(objectTerms)));
        if (needed.isEmpty()) {
            return null;
        }
        boolean describing = !objectTerms.isEmpty()
                && DESCRIBING_TERMS.contains(objectTerms.get(objectTerms.size() - 1));
        if (subject != Subject.COUNTED && end < tokens.size() && (tokens.get(end).equalsIgnoreCase("for")
                || describing && tokens.get(end).equalsIgnoreCase("of"))) {
            // What the thing is for is part of it: "an app for my phone" is no app of the cloud stack. A thing that
            // only sets or serves something ("an option for the port") is what it is for.
            // "An overview of what a month costs": what a description is of may be a clause.
            int from = describing && end + 1 < tokens.size()
                    && QuestionForm.QUESTION_WORDS.contains(tokens.get(end + 1).toLowerCase(Locale.ROOT)) ? end + 2 : end + 1;
            String purpose = thingWords(String.join(" ", tokens.subList(Math.min(from, tokens.size()), tokens.size())));
            List<String> purposeTerms = rarest(index, spokenTerms(index, purpose, terms).stream()
                    .filter(term -> !ActionCheck.PEOPLE_TERMS.contains(term) && !needed.contains(term)).toList());
            if (!purposeTerms.isEmpty()) {
                if (describing || objectTerms.stream().allMatch(GENERIC_TERMS::contains)) {
                    needed.clear();
                }
                needed.addAll(purposeTerms);
                object = object + " for " + purpose;
            }
        }
        return new Understanding.Action(verb, verbTerms, object, List.copyOf(needed), needed.stream().map(words::get).toList(),
                subject == Subject.COUNTED ? Understanding.Form.COUNT : Understanding.Form.THING);
    }

    /**
     * Whether a word is an adverb of manner, time or degree: one of a few that do not end in -ly ("halfway"), or an
     * English word with -ly or -ally added ("immediately", "automatically"), not one that only ends so ("reply").
     */
    private static boolean adverb(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return ADVERBS.contains(lower) || lower.endsWith("ly") && (lower.length() > SHORTEST_ADVERB
                && Lexicon.whole(lower.substring(0, lower.length() - 2))
                || lower.endsWith("ally") && Lexicon.whole(lower.substring(0, lower.length() - 4)));
    }

    /** Adverbs of time and degree that do not end in -ly. */
    private static final Set<String> ADVERBS = Set.of("halfway", "midway", "partway", "anymore", "already", "yet",
            "early", "late", "soon", "together", "apart", "ahead", "anyway", "somehow", "first", "last", "too",
            "either", "also", "asap", "fast", "quick");
    /** The shortest -ly adverb: "reply" and "apply" are no adverbs of "rep" and "app". */
    private static final int SHORTEST_ADVERB = 5;

    /** The question's terms among the words, as a passage must speak them ({@link ActionCheck#SPOKEN}). */
    private static List<String> spokenTerms(KnowledgeIndex index, String words, List<String> terms) {
        // A name with a capital inside ("WebSockets") is one word.
        Set<String> spoken = KnowledgeIndex.terms(ActionCheck.SPOKEN, index.inDocsWords(words));
        return index.contentTerms(words).stream().filter(terms::contains).filter(spoken::contains).toList();
    }

    /**
     * The terms of a thing without the generic nouns ({@link #GENERIC_TERMS}) when it has others: "the cloud version"
     * is the cloud deployment, which the docs never call a version; their versions are of the project and of a guardrail.
     */
    private static List<String> named(List<String> terms) {
        List<String> named = terms.stream().filter(term -> !GENERIC_TERMS.contains(term)).toList();
        return named.isEmpty() ? terms : named;
    }

    /** The rarest of the terms in the docs: the others are often the docs' own words for something else ("app"). */
    private static List<String> rarest(KnowledgeIndex index, List<String> terms) {
        double rarest = terms.stream().mapToDouble(index::idf).max().orElse(0);
        return terms.stream().filter(term -> index.idf(term) >= rarest).toList();
    }

    /**
     * Whether the words of a thing name none: a placeholder ("stuff", "the things I type", "something") stands for
     * what is asked without naming it, and an amount of something ("a max number", "the minimum amount") is what
     * the question asks for, not a thing the passage must speak of.
     */
    private static boolean noThing(List<String> words) {
        List<String> lower = words.stream().map(word -> word.toLowerCase(Locale.ROOT)).toList();
        return lower.stream().anyMatch(PLACEHOLDERS::contains) || !lower.isEmpty() && lower.stream().allMatch(
                word -> AMOUNT_WORDS.contains(word) || AUXILIARIES.contains(word));
    }

    /** Nouns that stand for what is asked about without naming it. */
    private static final Set<String> PLACEHOLDERS = Set.of("stuff", "thing", "things", "something", "anything",
            "everything", "whatever", "thingy");
    /** Words of an amount of something, and of its limit. */
    private static final Set<String> AMOUNT_WORDS = Set.of("max", "maximum", "min", "minimum", "number", "amount",
            "count", "total", "limit");

    /**
     * The terms of what a how-many question counts that a passage must say: all but its last, the noun counted,
     * when the docs use that word, which they may say in words of their own ("users" as visitors, connections).
     */
    private static List<String> counted(KnowledgeIndex index, List<String> terms) {
        return terms.isEmpty() || !index.uses(terms.get(terms.size() - 1)) ? terms
                : terms.subList(0, terms.size() - 1);
    }

    /** What comes before the thing of a yes-or-no question ({@link #thing}). */
    private enum Subject {
        /** Nothing: "is there" or "which … are there" came before it. */
        NONE,
        /** A subject and its verb: "does it phone …". */
        AND_VERB,
        /** A subject, and the thing starts with its participle: "is the page translated …". */
        AND_PARTICIPLE,
        /** "How many": the thing is what is counted, up to the verb that asks about it. */
        COUNTED
    }

    /** The forms that ask about a thing, tried in this order, each with what stands before the thing's words. */
    private static final List<Map.Entry<Pattern, Subject>> THING_ASKED = List.of(Map.entry(ASKS_COUNT, Subject.COUNTED),
            Map.entry(ASKS_DOES, Subject.AND_VERB), Map.entry(ASKS_DONE, Subject.AND_PARTICIPLE),
            Map.entry(ASKS_THERE, Subject.NONE), Map.entry(ASKS_WHICH_THERE, Subject.NONE));
}

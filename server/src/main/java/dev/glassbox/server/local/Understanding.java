package dev.glassbox.server.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the local agent makes of a question before it searches: what kind of message it is, the query
 * it will search for, the content words that a passage must cover to answer it, and the names in it
 * that the knowledge base never mentions.
 *
 * @param query the visitor's text
 * @param standaloneQuery what is searched: the query, or a follow-up rewritten to stand on its own
 * @param asked the words whose form says what kind of answer is wanted: the query, or the standalone query when
 *     a follow-up is asked as the previous question of something else ("And with Claude Sonnet 4?")
 * @param followUp whether the question continues an earlier turn
 * @param intent what kind of message this is
 * @param terms the analyzed content terms of the standalone query
 * @param ownTerms those of the terms the visitor's own words contain; in a follow-up, the others come from
 *     earlier questions
 * @param unknownNames names in the standalone query that no passage contains
 * @param amount when the question asks for an amount (how much, how many, how long), what a sentence that
 *     states it looks like: a price for a cost, a duration for how long; null when it asks for none
 * @param asksWhy whether the question asks for a reason
 * @param words the visitor's word behind each of the terms, lower case: what the trace shows, as a stem ("googl",
 *     "daili") reads as a typing error
 * @param meanings the embedding of the visitor's word behind each of the terms ({@link WordMeanings}); empty
 *     when the message is no question
 * @param action what the question asks how to do, or whether one can do, to what; null when it asks no such thing
 */
record Understanding(String query, String standaloneQuery, String asked, boolean followUp, Intent intent, List<String> terms,
                     Set<String> ownTerms, List<String> unknownNames, Pattern amount, boolean asksWhy,
                     Map<String, String> words, Map<String, float[]> meanings, Action action) {
    /**
     * What a term that only an earlier question contributed weighs against one the visitor just used: in
     * "What about the cloud?" after a question about running locally, "cloud" is the point, "run" context.
     */
    static final double CONTEXT_WEIGHT = 0.5;

    /** Whether the question asks for an amount, so its answer should state a number. */
    boolean asksForQuantity() {
        return amount != null;
    }

    /** The visitor's words behind the terms, in order, each once. */
    List<String> keyWords() {
        return words.values().stream().distinct().toList();
    }

    /** How much the term counts when judging what answers the question. */
    double weight(String term) {
        return !followUp || ownTerms.contains(term) ? 1 : CONTEXT_WEIGHT;
    }

    /**
     * What a question asks about that a passage must speak of to answer it, in one of three forms ({@link Form}):
     * a deed it asks how to do ("How do I rename a session?"), a thing it asks whether Glassbox has or does
     * ("Is there a mobile app?", "Does it phone home?"), or who does something ("Who built Glassbox?"). Word by
     * word, a question about renaming a session covers most of a passage about sessions, and one about a mobile
     * app a passage about the cloud stack's "app".
     *
     * @param verb the visitor's verb as written; empty for a thing asked after with "is there"
     * @param verbTerms its analyzed terms (two for "fine-tune"); for a thing, empty when the verb only has or uses it
     * @param object the words of what it is done to, or of the thing, as written; for who, the question
     * @param objectTerms their analyzed terms: for a deed at least one, for a thing the rarest, which a passage
     *     must say; empty for who
     * @param objectWords the visitor's words for the object terms, as a decline names them
     */
    record Action(String verb, List<String> verbTerms, String object, List<String> objectTerms,
                  List<String> objectWords, Form form) {
        /** The deed as a decline and the trace name it: "rename a session", "phone home", "who built Glassbox". */
        String named() {
            return form == Form.WHO ? object : (verb + " " + object).strip();
        }

        /** What the question asks, as the trace shows it after "Asks": "how to rename a session", "about home". */
        String asks() {
            return switch (form) {
                case HOW, PHRASAL -> "how to " + named();
                case THING -> "about " + object;
                case COUNT -> "how many " + object;
                case WHO -> named();
            };
        }

        /** Why no passage answers, when none speaks of what this asks about. */
        String unmet() {
            return switch (form) {
                case HOW -> "the passages about it never describe how to " + named() + ": none says \"" + verb
                        + "\" or a word of the same meaning";
                case PHRASAL -> "no passage describes how to " + named() + ": none says \"" + verb + " " + object
                        + "\"";
                case THING, COUNT -> {
                    List<String> said = new ArrayList<>(objectWords);
                    if (!verbTerms.isEmpty()) {
                        said.add(0, verb);
                    }
                    yield "no passage speaks of " + (verbTerms.isEmpty() ? object : named()) + ": none says \""
                            + String.join("\", \"", said) + (said.size() == 1 ? "\" or a word of the same meaning"
                            : "\" or words of the same meaning together");
                }
                case WHO -> "no passage says " + named() + ": none names a person or organisation that does"
                        + (objectWords.isEmpty() ? "" : " as " + String.join(" ", objectWords));
            };
        }
    }

    /** The forms of {@link Action}. */
    enum Form {
        /** How to do something, or whether one can: the passage must say the verb and a word of the object. */
        HOW,
        /**
         * Whether Glassbox has a thing or does something to one: the passage must say the thing's rarest word, and that
         * of what it is for; when it says the thing only in other words, the verb too ({@link #verbTerms}).
         */
        THING,
        /**
         * How many of a thing there are ("How many monthly active users…?"): the passage must say each of its words
         * together ({@link #counted}), as one that counts "monthly" costs and "active" conversations counts no users.
         */
        COUNT,
        /**
         * Who does something: a sentence of the passage must name a person or organisation, with the verb, or who
         * is in a role ("Who is the CEO?"), saying the role.
         */
        WHO,
        /**
         * How to do something its verb and a particle say with nothing after them ("log in", "sign on"): the passage
         * must say the two together, as such a verb means what neither of its words does.
         */
        PHRASAL
    }

    /**
     * Whether a passage speaks of what the question asks about ({@link Action}); true when it asks about nothing
     * such. A word counts as said when the passage says it, or a word of the same meaning ({@link
     * WordMeanings#SAME_MEANING}); for a thing, only a word that stands for no other word of the question
     * (a passage's "app" is the question's "app", not its "mobile"), and not a part of a name with a capital inside
     * ("AdministratorAccess" speaks of no administrator).
     */
    boolean describesAction(KnowledgeIndex index, KnowledgeChunk chunk) {
        if (action == null) {
            return true;
        }
        Set<String> passageTerms = index.terms(chunk.indexedText());
        return switch (action.form()) {
            case HOW -> action.verbTerms().stream().allMatch(term -> says(index, passageTerms, term, chunk))
                    && action.objectTerms().stream().anyMatch(term -> says(index, passageTerms, term, chunk));
            case THING, COUNT -> {
                String others = otherWords(index, chunk.indexedText());
                Set<String> spoken = KnowledgeIndex.terms(SPOKEN, chunk.indexedText());
                boolean inOtherWords = !spoken.containsAll(action.objectTerms());
                // A thing said only in other words may be another thing ("noise" for "loud"): then what is done
                // with it must be said too.
                yield action.objectTerms().stream().allMatch(term -> spoken.contains(term)
                        || meanings.get(term) != null
                        && index.closeness(meanings.get(term), others) >= WordMeanings.SAME_MEANING)
                        && (!inOtherWords || action.verbTerms().stream().allMatch(term -> says(index, passageTerms,
                        term, chunk)));
            }
            case WHO -> Quotables.of(chunk.text()).stream().anyMatch(sentence -> namesWho(index, sentence.text()));
            case PHRASAL -> Pattern.compile("\\b" + Pattern.quote(action.verb().toLowerCase(Locale.ROOT))
                    + "(?:s|ed|ged|ing|ging)?[\\s-]?" + action.object() + "\\b").matcher(
                    chunk.text().toLowerCase(Locale.ROOT)).find();
        };
    }

    /**
     * Whether a sentence names who does the deed of a who-question: a person or organisation ({@link #PEOPLE}) as
     * the verb's subject, in the {@value #SUBJECT_REACH} words before it in its clause ("the owner can see"), or
     * after "by" ("built by the team"); any one when the verb only joins ("Who is it for?").
     */
    private boolean namesWho(KnowledgeIndex index, String sentence) {
        for (String clause : CLAUSES.split(sentence)) {
            List<String> words = LETTERS.matcher(clause).results().map(MatchResult::group).toList();
            List<Boolean> people = words.stream().map(word -> !Collections.disjoint(index.terms(word), PEOPLE_TERMS))
                    .toList();
            if (action.verbTerms().isEmpty() && people.contains(true) && saysRole(index, clause)) {
                return true;
            }
            for (int at = 0; at < words.size() && !action.verbTerms().isEmpty(); at++) {
                if (saysVerb(index, words.get(at))
                        && (people.subList(Math.max(0, at - SUBJECT_REACH), at).contains(true)
                        || at + 1 < words.size() && words.get(at + 1).equalsIgnoreCase("by")
                        && people.subList(at + 1, Math.min(words.size(), at + 2 + SUBJECT_REACH)).contains(true))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a clause says the role a who-question asks who is in ("the CEO"); true when it asks for none. */
    private boolean saysRole(KnowledgeIndex index, String clause) {
        Set<String> said = index.terms(clause);
        return action.objectTerms().stream().allMatch(term -> said.contains(term) || meanings.get(term) != null
                && index.closeness(meanings.get(term), clause) >= WordMeanings.SAME_MEANING);
    }

    private boolean saysVerb(KnowledgeIndex index, String word) {
        return action.verbTerms().stream().allMatch(term -> index.terms(word).contains(term)
                || meanings.get(term) != null && index.closeness(meanings.get(term), word) >= WordMeanings.SAME_MEANING);
    }

    private boolean says(KnowledgeIndex index, Set<String> passageTerms, String term, KnowledgeChunk chunk) {
        float[] meaning = meanings.get(term);
        return passageTerms.contains(term)
                || meaning != null && index.closeness(meaning, chunk) >= WordMeanings.SAME_MEANING;
    }

    /** The text without the words that say one of the question's terms. */
    private String otherWords(KnowledgeIndex index, String text) {
        return LETTERS.matcher(text).replaceAll(word -> Collections.disjoint(index.terms(word.group()),
                terms) ? word.group() : " ");
    }

    enum Intent {
        /** A question to answer from the knowledge base. */
        QUESTION,
        /** Hello, hi, good morning: answered with a short welcome, no search. */
        GREETING,
        /** Thanks, great, bye: answered with a short reply, no search. */
        THANKS,
        /** Text that tries to give the agent orders ("ignore your instructions") or a role to play: declined. */
        INSTRUCTION,
        /**
         * A question about the agent's own instructions, prompt or conversation ("What were you told?", "What is
         * written above my question?"): not about Glassbox, so declined without a search.
         */
        ABOUT_INSTRUCTIONS;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One greeting or "how are you", and whom it greets ("there", a name, "to you") at most. */
    private static final String GREETS = "(?:h+i+|hello+|hey+|heya|hiya|howdy|hallo|hola|yo|greetings|sup|g'?day"
            + "|(?:good\\s+)?(?:morning|afternoon|evening)|good day"
            + "|how(?:'s| is| are| r) (?:you|u|ya|it going|things|everything)(?: doing| going)?|how do you do"
            + "|what'?s up|wh?at'?s new|wassup|nice to meet you)(?:\\W+(?:there|all|everyone|everybody|folks|glassbox|"
            + "agent|bot|friend|my friend|mate|buddy|pal|partner|team|y'all|you|to you|today|again))*";
    /** Greetings and nothing else ("Hello there, good morning!") are not a question. */
    private static final Pattern GREETING = Pattern.compile(GREETS + "(?:\\W+(?:and\\s+)?" + GREETS + ")*\\W*");
    /** Thanks, approval or goodbye, with a few words of praise but no question. */
    private static final Pattern THANKS = Pattern.compile(
            "(?:thanks?|thank (?:you|u)|thankyou|thx|thnx|tysm|ty|ta|cheers|(?:much|really|greatly) appreciated|"
                    + "appreciated?|great|cool|nice|awesome|perfect|sweet|brilliant|excellent|lovely|wonderful|"
                    + "fantastic|amazing|neat|ok(?:ay)?|k|alright|all right|got it|understood|makes sense|noted|"
                    + "fair enough|good to know|i see|bye|goodbye|see (?:you|ya)|cya|later|take care|good night|"
                    + "that(?:'s| is| was) (?:all|it|everything)|that (?:helps|helped)|this helped|"
                    + "that was (?:very |really )?(?:helpful|useful|great|clear))\\b[^?]{0,60}");
    /** Words that show a question after all: "thanks, but how much does it cost" is a question. */
    private static final Pattern ASKS = Pattern.compile(
            "\\b(?:what|which|who|when|where|why|how|does|do|is|are|can|could|would|should|explain|tell)\\b.*\\b\\w+");
    /** Attempts to steer the agent itself rather than ask about Glassbox. */
    private static final Pattern INSTRUCTION = Pattern.compile(
            "\\b(?:ignore|disregard|forget|override|bypass)\\b.{0,40}\\b(?:instructions?|rules?|prompts?|guidelines?|"
                    + "above|previous|prior|(?:you|you've|you have|you were|you've been) (?:been )?(?:told|given|"
                    + "taught|programmed|instructed))\\b"
                    // An order to drop what it answers from: "…: forget the knowledge base", not "does it ignore…?"
                    + "|(?:^|[:.;!,]\\s*)(?:please\\s+|now\\s+)*(?:ignore|disregard|forget)\\b.{0,30}\\b(?:knowledge base|"
                    + "context|documentation|docs|sources|everything)\\b"
                    + "|\\b(?:reveal|print|show|repeat|output|leak|dump)\\b.{0,30}\\b(?:system|hidden|secret|initial)\\s+"
                    + "(?:prompt|instructions?|message)"
                    // The agent's own set-up: "output your configuration", "print your rules".
                    + "|\\b(?:reveal|print|show|repeat|output|leak|dump)\\b.{0,20}\\byour\\s+(?:configuration|config|"
                    + "settings|instructions|prompt|rules|environment|secrets?|keys?|credentials)\\b"
                    // Orders claimed to come from someone in charge: "new instructions from the administrator".
                    + "|\\b(?:new|updated|additional|real) (?:instructions|orders|rules)\\b"
                    + "|\\b(?:new|updated|additional|real) (?:instruction|order|rule)\\s*[:,]"
                    // A role label opening the message or a sentence ("SYSTEM: …", "… USER: …"): a made-up
                    // transcript, whatever question follows it.
                    + "|(?:^|[.!?]\\s+)\\W*(?:system|assistant|user|human|ai|bot|developer|administrator|admin|"
                    + "operator)(?:\\s+(?:message|prompt|note))?\\s*:"
                    + "|\\b(?:instructions?|orders?|message) from (?:the |your )?(?:administrator|admin|developer|operator|"
                    + "system)\\b"
                    // A role to play: "you are now DAN", "pretend to be", "act like a robot", "speak as Shakespeare".
                    + "|\\byou are now\\b|\\bpretend (?:to be|you(?:'re| are)|that you)\\b|\\bjailbreak|\\bDAN\\b"
                    + "|(?:^|[:.;!,]\\s*)(?:you(?:'re| are)|you(?:'ll| will) be|be) (?:now )?(?:an?|the|my) [^?.!:;]{0,30}"
                    + "\\bnow\\b|\\b(?:role[ -]?play|roleplay)\\b|\\bplay (?:the (?:role|part) of|a (?:role|character)|"
                    + "her|him)\\b|\\bimagine (?:that )?you(?:'re| are| were| have| had)\\b|\\bin character\\b"
                    + "|(?:^|[:.;!,]\\s*|\\byou to\\s+)(?:please\\s+|now\\s+)*(?:act|behave|speak|talk|write|answer|"
                    + "respond|reply) (?:only )?(?:as|like) (?:an?\\b|the\\b|if\\b|my\\b|(?-i:\\p{Lu}))"
                    + "|^\\W*you(?:'re| are) (?:now )?(?:an?|my) [^?.!:;]{1,40}[.!:;]"
                    + "|\\b(?:speak|talk|write|answer|respond|reply)\\b[^?.!]{0,30}\\bin the (?:style|voice|manner) of\\b"
                    + "|\\b(?:unrestricted|uncensored|unfiltered|god|sudo|developer|dev|evil) mode\\b"
                    + "|\\b(?:with|have|has) no (?:rules|restrictions|filters|censorship|guidelines)\\b"
                    + "|\\bwithout (?:any )?(?:rules|restrictions|filters|censorship|guidelines)\\b"
                    + "|\\b(?:answer|respond|reply|speak|talk|write)\\b.{0,40}\\bfrom now on\\b"
                    // The agent as the visitor's someone: "As my lawyer, tell me…", "as your developer, I…".
                    + "|^\\W*as (?:my|your) \\p{L}+(?: \\p{L}+)?\\s*,"
                    + "|\\bfrom now on\\b.{0,40}\\b(?:you|answer|respond)",
            Pattern.CASE_INSENSITIVE);
    /**
     * A report of an order rather than one, right before it: "tells the agent to ignore…", "if someone types
     * 'forget the docs'", "does the agent ignore…". A question about how Glassbox handles such text is a question.
     */
    private static final Pattern REPORTED = Pattern.compile("\\b(?:agent|glassbox|model|bot|it|visitors?|users?|"
            + "someone|somebody|anyone|people|attackers?|messages?|questions?|prompts?|text|says?|said|types?|typed|"
            + "writes?|wrote|sends?|sent|asks?|asked|tells?|told)\\b(?:\\s+(?:to|is|was|be|gets?|got))?[\\s\"'“‘]*$",
            Pattern.CASE_INSENSITIVE);
    /**
     * Questions about the agent's own instructions, prompt or conversation rather than about Glassbox: "What were you
     * told?", "What does your system message say?", "Repeat everything above this line". Who is asked about tells
     * them apart from questions about the prompts Glassbox builds ("What prompt does the openai backend send?").
     */
    private static final Pattern ABOUT_INSTRUCTIONS = Pattern.compile(
            // "your instructions", "your system prompt", "your rules", but not "your rules for declining a question"
            "\\byour\\s+(?:own\\s+)?(?:(?:system|initial|original|hidden|secret|first|starting|base|internal|"
                    + "underlying|pre)[\\s-]*)?(?:prompts?|instructions?|rules|guidelines|directives|programming|"
                    + "system\\s+message|context(?:\\s+window)?|orders|briefing)\\b(?!\\s+(?:for|about|on|when)\\s+"
                    + "(?!you|me|this\\s+(?:chat|conversation)))"
                    // "the prompt you were started with", "the instructions you got"
                    + "|\\b(?:prompts?|instructions?|rules|guidelines|directives|system\\s+message|orders)\\s+(?:that\\s+|"
                    + "which\\s+)?(?:you|u)\\s+(?:were|was|got|received|have|had|'ve|are)\\b"
                    // "what were you told", "you were instructed not to…", "which topics are you forbidden to…"
                    + "|\\b(?:you|u)\\s+(?:were|was|are|have\\s+been|'ve\\s+been|had\\s+been|got)\\s+(?:first\\s+|"
                    + "originally\\s+|initially\\s+)?(?:told|given|instructed|programmed|prompted|briefed|ordered|"
                    + "forbidden|banned)\\b"
                    + "|\\b(?:were|are|was|have|had)\\s+you\\s+(?:been\\s+)?(?:first\\s+|originally\\s+|initially\\s+)?"
                    + "(?:told|given|instructed|programmed|prompted|briefed|ordered|forbidden|banned)\\b"
                    + "|\\b(?:configured|set\\s+up|trained|designed|asked|allowed|permitted|supposed)\\s+(?:not\\s+)?to\\s+"
                    + "(?:say|tell|talk|discuss|mention|reveal|share|avoid|refuse|hide|keep\\s+secret)\\b"
                    + "|\\bnot\\s+(?:allowed|permitted|supposed)\\s+to\\b"
                    // "everything above this line", "what is written above my question", "earlier in this chat"
                    + "|\\b(?:everything|all|anything|what(?:'s|\\s+is|\\s+was|\\s+came|\\s+comes)?|the\\s+(?:text|words|"
                    + "messages?|lines?|content))\\b[^?.!]{0,25}\\b(?:above(?:\\s+(?:this|that|my|the)\\s+(?:line|"
                    + "message|question|text|prompt|request))?\\s*[?.!]*$|above\\s+(?:this|that|my)\\b|"
                    + "before\\s+(?:this|that|my)\\s+(?:line|message|question|request)|(?:before|preceding|prior\\s+to)"
                    + "\\s+mine\\b)"
                    + "|\\b(?:earlier|before|previously|so\\s+far)\\s+in\\s+(?:this|the|our)\\s+(?:chat|conversation|"
                    + "session|context)\\b|\\bbefore\\s+(?:this|our|the)\\s+(?:chat|conversation|session)\\s+"
                    + "(?:started|began|begun)\\b|\\bfirst\\s+(?:thing|message|words?|instructions?)\\s+(?:you|that\\s+you)\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * A system prompt asked about, with "you" somewhere ("Do you have a system prompt?") and no part of Glassbox
     * that has one named ("the openai backend's system prompt").
     */
    private static final Pattern SYSTEM_PROMPT = Pattern.compile("\\bsystem\\s+(?:prompt|message)s?\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern YOU = Pattern.compile("\\b(?:you|your|u)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PROMPTED_PARTS = Pattern.compile("\\b(?:backends?|bedrock|openai|models?|guardrails?|llm|"
            + "nova|claude|lambda|worker)\\b", Pattern.CASE_INSENSITIVE);
    /** Words of what a conversation keeps: a question with them asks about Glassbox's memory. */
    private static final Pattern MEMORY = Pattern.compile("\\b(?:remember|remembers|memory|forget|forgets|kept|keeps?|"
            + "stored?|stores|retains?|retained)\\b", Pattern.CASE_INSENSITIVE);
    /** Adjectives of price in every degree: "cheapest" and "pricier" ask for a price as "cheap" does. */
    private static final String PRICEY = "(?:expensive|inexpensive|cheap(?:er|est)?|pric(?:ey|ier|iest)|"
            + "costl(?:y|ier|iest)|affordable)";
    /** Questions after an amount: their answer should state a number. */
    private static final Pattern QUANTITY = Pattern.compile(
            "\\bhow (?:much|many|long|fast|big|large|often|slow|quick(?:ly)?|soon)\\b|\\bwhat (?:is|are) the "
                    + "(?:cost|price|limit|size|latency|timeout)|\\b(?:cost|costs|price|prices|limit|limits|max|maximum|"
                    + "min|minimum|latency|timeout|size|port|budget|cap|percent|milliseconds?|seconds?|bytes?|KB|MB|USD|bill|"
                    + "billed|monthly|per month|pricing|charge|charges|spend|" + PRICEY + ")\\b|\\$",
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
            + "\\b(?:timeout|latency|expire|expires|expiry|until when)\\b", Pattern.CASE_INSENSITIVE);
    private static final String TIME = "\\d[\\d,.]*\\s*(?:ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|"
            + "months?|years?)\\b";
    private static final Pattern ASKS_SIZE = Pattern.compile("\\bhow (?:long|big|large|small)\\b|\\b(?:size|memory)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final String SIZE = "\\d[\\d,.]*\\s*(?:bytes?|KB|MB|GB|characters|words|tokens|dimensions)\\b";
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
    static final Set<String> LIGHT_VERBS = Set.of("add", "set", "change", "switch", "choose", "pick", "select", "enable",
            "disable", "turn", "configure", "adjust", "tweak", "customize", "customise", "modify", "specify", "define",
            "control", "manage", "handle", "put", "let", "keep", "have", "do", "install", "open", "access", "reach",
            "point", "provide", "apply", "view", "show", "read", "check", "run", "start", "stop", "call", "pass",
            "send", "be", "become", "avoid", "prevent", "allow", "limit", "increase", "decrease", "raise", "lower",
            // Verbs of putting something somewhere or in place of another: where, or what, says what is done.
            "stick", "shove", "pop", "plonk", "place", "insert", "bundle", "bake", "pack", "package", "embed", "swap",
            "replace");
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
     * A particle right after a deed's verb with no object, then nothing or a preposition: "log in", "sign on with
     * GitHub". Only "in" and "on": other particles make the everyday phrasal verbs that {@link #PHRASAL} exempts.
     */
    private static final Pattern LONE_PARTICLE = Pattern.compile("\\s+(in|on)\\b(?=\\s*(?:$|[?.!,;:]|(?:with|using|"
            + "via|through|to|into|from|at|as|again|now|here|there)\\b))", Pattern.CASE_INSENSITIVE);
    /** Subjects of {@link #ASKS_DOES} that are one word. */
    private static final Set<String> ONE_WORD_SUBJECTS = Set.of("it", "this", "glassbox", "you");
    /** The words a thing has at most. */
    private static final int THING_WORDS = 4;
    /**
     * Nouns for people and organisations, which a sentence naming who does something says: general English
     * only. A who-question is answered by a sentence that says one with the question's verb.
     */
    private static final Set<String> PEOPLE = Set.of("person", "people", "visitor", "user", "owner", "developer",
            "maintainer", "author", "contributor", "team", "company", "organisation", "organization", "vendor",
            "customer", "administrator", "operator", "community", "engineer", "individual", "human", "maker",
            "creator", "founder", "staff", "member");
    private static final KnowledgeAnalyzer AS_WRITTEN = KnowledgeAnalyzer.forTextAsWritten();
    /** What a passage speaks of, for a thing asked after: not the parts of a name with a capital inside. */
    private static final KnowledgeAnalyzer SPOKEN = KnowledgeAnalyzer.forWordsSpoken();
    /**
     * Nouns of a thing that only sets, serves or stands for something ("a config option for the port", "a way for
     * visitors"): what it is for is what a passage must speak of, in words the docs choose ("GLASSBOX_PORT").
     */
    private static final Set<String> GENERIC_TERMS = Set.copyOf(KnowledgeIndex.terms(AS_WRITTEN, "option options "
            + "setting settings config configuration parameter parameters flag flags variable variables knob toggle "
            + "way ways feature features version versions tool tools mechanism means method"));
    /**
     * Nouns of a description ("a formal spec of the messages", "docs for the protocol"): what the docs describe is
     * what it describes, in the docs' own words, which never call themselves a specification.
     */
    private static final Set<String> DESCRIBING_TERMS = Set.copyOf(KnowledgeIndex.terms(AS_WRITTEN, "specification "
            + "specifications documentation description descriptions overview reference schema diagram explanation "
            + "write-up writeup summary"));
    private static final Set<String> PEOPLE_TERMS = Set.copyOf(KnowledgeIndex.terms(AS_WRITTEN, String.join(" ",
            PEOPLE)));
    private static final Pattern LETTERS = Pattern.compile("\\p{L}+");
    /** What ends a clause: a verb's subject is in its own. */
    private static final Pattern CLAUSES = Pattern.compile("[:;,()\\u2013\\u2014]");
    /** How many words before its verb a who-question's answer names its subject in. */
    private static final int SUBJECT_REACH = 4;
    /** A particle right after the verb of {@link #ASKS_DEED}, or ending its object: the verb is phrasal. */
    private static final Pattern PHRASAL = Pattern.compile("^\\s*(?:up|down|off|out|over|away|back|around)\\b"
            + "|\\b(?:up|down|off|out|over|away|back|around)\\s*$", Pattern.CASE_INSENSITIVE);
    /** Questions after a reason: their answer should give one. */
    private static final Pattern WHY = Pattern.compile("\\bwhy\\b|\\bwhat for\\b|\\breason|\\bhow come\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * A capitalised or internally capitalised word (Gemini, ChatGPT, GKE, iPhone), not the text's first word: a
     * brand's capital inside a word ("iPhone", "eBay") is as much a name's mark as an initial one.
     */
    private static final Pattern NAME = Pattern.compile("(?<=\\s)[\"'(]?((?:\\p{Ll}+)?[A-Z][\\p{L}\\p{N}]*"
            + "(?:[.-][\\p{L}\\p{N}]+)*)");
    /** A lower-case word of five letters or more, which a product's name may be written as ("kubernetes"). */
    private static final Pattern LOWER_CASE_WORD = Pattern.compile("(?<![\\p{L}\\p{N}_.\\-/])\\p{Ll}[\\p{Ll}\\p{N}]{4,}"
            + "(?![\\p{L}\\p{N}_\\-/]|\\.\\p{L})");
    /**
     * Capitalised words in a row, the name of one thing ("Terraform Cloud"): a name the docs never write, even
     * when they use each of its words, unless they write each two of them in a row ("Amazon S3 Vectors").
     */
    private static final Pattern NAME_RUN = Pattern.compile("(?<=\\s|^)\\p{Lu}[\\p{L}\\p{N}]*(?: \\p{Lu}[\\p{L}\\p{N}]*"
            + "| \\p{N}[\\p{L}\\p{N}.]*)+");
    /**
     * What follows the label of a control of the page ("the Retry button", "the Export JSON link"): a label
     * is capitalised as the page writes it, not a product's name.
     */
    private static final Pattern CONTROL = Pattern.compile("(?:\\s+\\p{Lu}[\\p{L}\\p{N}]*)*\\s+(?:button|buttons|key|keys|"
            + "link|links|panel|tab|box|toggle|menu|checkbox|field|icon|switch|control|bar|dialog|drawer|footer|"
            + "header|card)\\b");
    /**
     * A lower-case word that something is used with, run on, kept in or connected to ("integrate with slack",
     * "keep it in pinecone", "deploy it to azure", "post answers in my discord"): where a visitor names another
     * product, even one named by ordinary words. After "in" and "from", which as often start a manner ("in
     * parallel", "from scratch"), and "to", which as often starts a verb ("to initialise"), only a word that is no
     * ordinary word, or two run together, counts, unless a verb of putting something somewhere comes before them.
     * A word after it (group 3) may say that the two name a kind of thing the docs name with their second word.
     */
    private static final Pattern CONNECTED_WORD = Pattern.compile("\\b(?:(with|on|onto|into|via|through|using|"
            + "supports?|supported|integrates?|integrated|(?:deploy|host|install|publish|post|push|upload|migrate|"
            + "move|connect|hook|plug|embed|integrate|put|add)\\p{L}*(?:\\s+(?:it|this|that|them|glassbox|answers|"
            + "the\\s+\\p{L}+))?(?:\\s+(?:up|over|out))?\\s+(?:in|to))|in|from|to)\\s+(?:(?:my|our|your|the|a|an)\\s+)?"
            + "(\\p{Ll}[\\p{Ll}\\p{N}]{4,})(?![\\p{L}\\p{N}_\\-/]|\\.\\p{L})(?:\\s+(\\p{Ll}{3,})\\b)?");
    /**
     * An acronym: capitals, perhaps with a small word's letter in lower case between two ("IaC"), and perhaps
     * a plural "s" ("APIs").
     */
    private static final Pattern ACRONYM = Pattern.compile("\\p{Lu}(?:\\p{Lu}|\\p{Ll}(?=\\p{Lu})){1,5}s?");
    /** The commonest English words by their id in the embedder's vocabulary ({@link Lexicon#rank}). */
    private static final int COMMONEST = 5_000;
    /** A short abbreviation such as "UI" or "DB": too short and too common to name a product. */
    private static final Pattern SHORT_ABBREVIATION = Pattern.compile("\\p{Lu}{2}");
    /** A word capitalised as words are, and only so: "Export", not "ChatGPT", "GKE" or "S3". */
    private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}\\p{Ll}+");

    /**
     * Whether a capitalised word of the question is not a name: a short abbreviation, or any plainly
     * capitalised word of a question written in title case, where capitals say nothing.
     */
    private static boolean notAName(String word, boolean titleCase) {
        return SHORT_ABBREVIATION.matcher(word).matches() || titleCase && CAPITALISED.matcher(word).matches();
    }

    /**
     * Whether a capitalised word is an ordinary English word for which the docs use a word of the same meaning
     * ("Night" beside "midnight"): a visitor's capital, not a product's name. Names of products that are ordinary
     * words ("Slack", "Gemini") are not that close to any word of the docs. An acronym the embedder knows as a word
     * must be closer, counting at least half as the docs' word ({@link WordMeanings#credit}): "RAM" is the docs'
     * "memory", while "SMS" is only near their WebSocket "messages".
     */
    private static boolean ordinaryWordTheDocsSayOtherwise(KnowledgeIndex index, String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (!Lexicon.ordinary(lower)) {
            return false;
        }
        return CAPITALISED.matcher(word).matches() && index.knownMeaning(lower) >= WordMeanings.SAME_MEANING
                || ACRONYM.matcher(word).matches() && WordMeanings.credit(index.knownMeaning(lower)) >= 0.5;
    }

    /**
     * Where a word is a verb: after a person doing it ("can I tinker", "if someone tampered"), after "how to",
     * "want to" and the like, after "not". A name is not done, so such a word is an everyday verb, however rare.
     */
    private static final Pattern BEFORE_VERB = Pattern.compile("(?i)(?:\\b(?:i|we|you|they|he|she|someone|somebody|"
            + "anyone|anybody|nobody|everyone|everybody|not|never)|n't|\\b(?:how|"
            + "want|wants|need|needs|able|way|possible|allowed|ok|okay|safe|try|going|like)\\s+to)\\s+$");
    /** Where a word ending in -ed, -en or -ing is a participle: after a form of be or get ("was tampered with"). */
    private static final Pattern BEFORE_PARTICIPLE = Pattern.compile("(?i)\\b(?:be|been|being|was|were|get|gets|got|"
            + "getting)\\s+$");
    private static final Pattern PARTICIPLE_ENDING = Pattern.compile("\\p{L}{3,}(?:ed|en|ing)");

    /** Whether a lower-case word is a verb where it stands, after {@code before}: no name, whatever its letters. */
    private static boolean verb(String before, String word) {
        return BEFORE_VERB.matcher(before).find()
                || BEFORE_PARTICIPLE.matcher(before).find() && PARTICIPLE_ENDING.matcher(word).matches();
    }

    /** Whether the words of four letters or more all start with a capital, three of them at least. */
    private static boolean titleCase(String text) {
        int words = 0;
        for (String word : text.split("[^\\p{L}]+")) {
            if (word.length() >= 4) {
                if (!Character.isUpperCase(word.charAt(0))) {
                    return false;
                }
                words++;
            }
        }
        return words >= 3;
    }

    /** Words of a question that say it is a question, not what it is about. */
    static final Set<String> QUESTION_WORDS = Set.of("what", "which", "who", "whom", "whose", "when", "where", "why",
            "how", "do", "does", "did", "done", "can", "could", "would", "should", "shall", "may", "might", "must",
            "i", "me", "my", "we", "us", "our", "you", "your", "tell", "explain", "describe", "please", "glassbox",
            "about", "anything", "something", "know", "there", "any", "some", "get", "happen", "happens", "mean",
            "means", "work", "works", "used", "use", "uses", "using", "much", "many", "exactly", "actually", "really",
            "just", "also", "need", "want", "here", "has", "have", "had", "am", "been", "being", "its", "it's",
            "so", "ok", "okay", "hi", "hello", "hey", "thanks", "thank", "one", "like", "all", "every", "each", "more",
            "most", "up", "from", "after", "before", "while", "still", "take", "takes", "make", "makes", "someone",
            "anyone", "thing", "things", "way", "ways", "good", "huge", "big", "lot", "new", "own", "s", "t", "let",
            "see", "look", "find", "try", "ever", "always", "give", "go", "going", "exist", "exists", "available", "out",
            // Placeholders stand for what is asked without naming it ("stuff it keeps"): no passage needs to say them.
            "stuff", "everything", "whatever",
            // Words of a limit ask for an amount, as "at most" does (amount, ASKS_LIMIT), not about a thing.
            "max", "maximum", "min", "minimum",
            // Negated auxiliaries, whole and as the word splitter leaves them ("doesn" of "doesn't").
            "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "can't", "cannot", "won't",
            "wouldn't", "couldn't", "shouldn't", "hasn't", "haven't", "don", "doesn", "didn", "isn", "aren", "wasn",
            "weren", "won", "wouldn", "couldn", "shouldn", "hasn", "haven",
            // The same and a few other contractions as visitors type them without the apostrophe: not names.
            "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "wont", "wouldnt", "couldnt",
            "shouldnt", "hasnt", "havent", "im", "ive", "whats", "thats", "theres", "hows", "wheres", "whos",
            // Contractions of a pronoun and an auxiliary, whole and as the word splitter leaves their ending.
            "i'm", "i've", "i'll", "i'd", "you're", "you've", "you'll", "you'd", "we're", "we've", "we'll",
            "they're", "they've", "it'll", "m", "re", "ve", "ll", "d");

    /**
     * The adverb of "how long", "how much", "how many" and the like: it says what kind of answer the
     * question wants (an amount, which {@link #amount} reads), not what it is about. The knowledge base's
     * own description of how the agent answers such questions contains the same words.
     */
    private static final Pattern HOW_ADVERB = Pattern.compile(
            "(?i)\\b(how)\\s+(?:long|much|many|often|fast|quick(?:ly)?|soon|big|large|far|slow(?:ly)?)\\b");
    /**
     * Verbs that only make a sentence a question, in any form ("worked out", "tells me", "asked", "found"): read
     * after stemming, so that their inflections are dropped too; the irregular forms stemming cannot relate
     * to their verb are listed.
     */
    static final Set<String> QUESTION_VERBS = Set.of("ask", "tell", "told", "explain", "describe", "work", "happen",
            "take", "took", "taken", "make", "made", "need", "want", "get", "got", "gotten", "go", "went", "gone",
            "find", "found", "know", "knew", "known", "look", "see", "saw", "seen", "give", "gave", "given", "try",
            "use", "exist");

    /**
     * Words that only hedge what follows ("some kind of alert", "any type of warning", "sort of verify"): the
     * alert is what is asked about, and no passage needs to say "kind" to answer.
     */
    private static final Pattern HEDGE = Pattern.compile("(?i)\\b(?:(?:some|any|a|an|what|which|this|that)\\s+)?"
            + "(?:kinds?|sorts?)\\s+of\\b|\\b(?:some|any|a|an|what|which|this|that)\\s+types?\\s+of\\b"
            + "|\\b(?:kinda|sorta)\\b"
            // Filler that says how or when, never what: "does it reconnect by itself", "what is it currently".
            + "|\\b(?:out of the box|on (?:its|their|your|my|our) own|(?:all )?by (?:itself|themselves|yourself|"
            + "myself)|itself|themselves|right now|at the moment|at present|currently|these days|nowadays|"
            + "as of (?:now|today))\\b");

    /**
     * The question without the parts that only make it a question of a kind ("how long" reads as "how") or hedge
     * it ("is there any type of warning" as "is there warning").
     */
    static String withoutQuestionForm(String question) {
        return HOW_ADVERB.matcher(withoutHedges(question)).replaceAll("$1");
    }

    /** The question without words that only hedge ({@link #HEDGE}); "what kind of" keeps its "what". */
    static String withoutHedges(String question) {
        return HEDGE.matcher(question).replaceAll(hedge -> hedge.group().regionMatches(true, 0, "wh", 0, 2)
                ? hedge.group().substring(0, hedge.group().indexOf(' ')) : "").replaceAll("\\s{2,}", " ");
    }

    /** The message with control, replacement and format characters removed and compatibility forms folded. */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            boolean invisible = cp == 0xFFFD || type == Character.CONTROL && !Character.isWhitespace(cp)
                    || type == Character.FORMAT || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.UNASSIGNED;
            out.appendCodePoint(invisible ? ' ' : cp);
        });
        String spaced = out.toString().replaceAll("\\s+", " ").strip();
        return CHAT_QUESTION_WORD.matcher(spaced).replaceAll(chat -> {
            String full = CHAT_QUESTION_WORDS.get(chat.group(1).toLowerCase(Locale.ROOT));
            return Character.isUpperCase(chat.group(1).charAt(0))
                    ? Character.toUpperCase(full.charAt(0)) + full.substring(1) : full;
        });
    }

    /**
     * Question words in chat spelling, each with the word in full: read before a follow-up is told from a new
     * question ("y so slow?" asks why) and before key terms, where "wat" would weigh as a rare word.
     */
    private static final Map<String, String> CHAT_QUESTION_WORDS = Map.of("y", "why", "wat", "what", "wot", "what",
            "wht", "what", "hw", "how", "wen", "when", "whr", "where", "wer", "where");
    /**
     * A chat question word opening the text or a sentence (group 1); "hw" only before what "how" is asked with,
     * as alone it is as often hardware.
     */
    private static final Pattern CHAT_QUESTION_WORD = Pattern.compile("(?i)(?:^|(?<=[.!?,;:]\\s))(y|wat|wot|wht|wen"
            + "|whr|wer|hw(?=\\s+(?:do|does|did|can|could|would|should|to|is|are|much|many|long|often|big|fast|come)\\b))"
            + "(?=\\s|[?!.]|$)");

    /** Whether the text gives the agent an order or a role, not only reports one ({@link #REPORTED}). */
    private static boolean givesOrders(String text) {
        Matcher order = INSTRUCTION.matcher(text);
        while (order.find()) {
            if (!REPORTED.matcher(text.substring(0, order.start())).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the text asks about the agent's own instructions or conversation ({@link #ABOUT_INSTRUCTIONS}), not
     * about what Glassbox remembers of a conversation, which the docs describe ("what do you remember from
     * earlier in this chat?").
     */
    private static boolean asksAboutInstructions(String text) {
        boolean ownPrompt = SYSTEM_PROMPT.matcher(text).find() && YOU.matcher(text).find()
                && !PROMPTED_PARTS.matcher(text).find();
        return (ABOUT_INSTRUCTIONS.matcher(text).find() || ownPrompt) && !MEMORY.matcher(text).find();
    }

    /** A question read without what a follow-up's "it" stands for. */
    static Understanding of(KnowledgeIndex index, String query, String standaloneQuery, boolean followUp) {
        return of(index, query, standaloneQuery, followUp, List.of());
    }

    /**
     * @param query the visitor's normalised text
     * @param standaloneQuery the text to search for (the query itself unless a follow-up was rewritten)
     * @param meant what a follow-up's "it" stands for (names of the previous answer): the visitor's own words too
     */
    static Understanding of(KnowledgeIndex index, String query, String standaloneQuery, boolean followUp,
                            List<String> meant) {
        return of(index, query, standaloneQuery, followUp, meant, standaloneQuery);
    }

    /**
     * @param asked the words whose form says what kind of answer is wanted (StandaloneQuery.asked): a follow-up's
     *     own words when the previous question is only context beside it, so "Why?" does not ask for its numbers
     */
    static Understanding of(KnowledgeIndex index, String query, String standaloneQuery, boolean followUp,
                            List<String> meant, String asked) {
        String lower = query.toLowerCase(Locale.ROOT).strip();
        Intent intent = givesOrders(query) ? Intent.INSTRUCTION
                : asksAboutInstructions(query) ? Intent.ABOUT_INSTRUCTIONS
                : GREETING.matcher(lower).matches() ? Intent.GREETING
                : THANKS.matcher(lower).matches() && !ASKS.matcher(lower).find() ? Intent.THANKS
                : Intent.QUESTION;
        List<String> terms = List.copyOf(index.contentTerms(standaloneQuery));
        Set<String> unknown = new LinkedHashSet<>();
        String rest = standaloneQuery.replaceFirst("^\\W*\\S+", "");
        boolean titleCase = titleCase(rest);
        Matcher name = NAME.matcher(" " + rest);
        while (name.find()) {
            String word = name.group(1);
            if (!QUESTION_WORDS.contains(word.toLowerCase(Locale.ROOT)) && !notAName(word, titleCase)
                    && !CONTROL.matcher(rest).region(Math.max(0, name.end() - 1), rest.length()).lookingAt()
                    && !index.mentions(word) && !(ACRONYM.matcher(word).matches() && index.spellsOut(word))
                    && !ordinaryWordTheDocsSayOtherwise(index, word)) {
                unknown.add(word);
            }
        }
        Matcher run = NAME_RUN.matcher(rest);
        while (run.find() && !titleCase) {
            if (CONTROL.matcher(rest).region(run.end(), rest.length()).lookingAt()) {
                continue;
            }
            String[] words = run.group().split(" ");
            for (int i = 0; i + 1 < words.length; i++) {
                String pair = words[i] + " " + words[i + 1];
                if (index.mentions(words[i]) && index.mentions(words[i + 1]) && !index.mentionsPhrase(pair)
                        && !index.mentionsModified(words[i], words[i + 1])) {
                    unknown.add(run.group());
                    break;
                }
            }
        }
        Matcher lowerCase = LOWER_CASE_WORD.matcher(rest);
        while (lowerCase.find()) {
            String word = lowerCase.group();
            if (!QUESTION_WORDS.contains(word) && !index.mentions(word) && !Lexicon.ordinary(word)
                    && !index.nearlyMentions(word) && !verb(rest.substring(0, lowerCase.start()), word)
                    && index.inDocsWords(word).equals(word)) {
                unknown.add(word);
            }
        }
        Matcher connected = CONNECTED_WORD.matcher(rest);
        while (connected.find()) {
            String word = connected.group(2);
            String kind = connected.group(3);
            // A word the docs never use before one of theirs names a kind of it they never mention ("google cloud"),
            // unless it is one of the commonest English words, as adjectives are ("older laptops").
            if (connected.group(1) != null && kind != null && !unknown.contains(word) && !QUESTION_WORDS.contains(word)
                    && !index.mentions(word)
                    && Lexicon.rank(word).orElse(Integer.MAX_VALUE) >= COMMONEST
                    && index.mentions(kind) && !index.mentionsPhrase(word + " " + kind)
                    && index.inDocsWords(word).equals(word)) {
                unknown.add(word + " " + kind);
                continue;
            }
            // An English word is no misspelt word of the docs: "slack" is not "stack".
            if (!QUESTION_WORDS.contains(word) && (connected.group(1) != null || !Lexicon.whole(word))
                    && !index.mentions(word) && (Lexicon.whole(word) || !index.nearlyMentions(word))
                    && index.inDocsWords(word).equals(word) && index.knownMeaning(word) < WordMeanings.SAME_MEANING) {
                unknown.add(word);
            }
        }
        Set<String> own = index.contentTerms(query + " " + String.join(" ", meant));
        own.retainAll(terms);
        Map<String, String> words = index.termWords(standaloneQuery);
        Map<String, float[]> meanings = intent == Intent.QUESTION ? index.termMeanings(words) : Map.of();
        return new Understanding(query, standaloneQuery, asked, followUp, intent, terms, Set.copyOf(own),
                new ArrayList<>(unknown), amount(asked), WHY.matcher(asked).find(), words, meanings,
                intent == Intent.QUESTION && !followUp ? action(index, withoutHedges(standaloneQuery), terms, words) : null);
    }

    /**
     * What the question asks about that a passage must speak of ({@link Action}), or null. None for a follow-up:
     * what it asks about is what the answer before it described, in that answer's words, not the visitor's.
     */
    private static Action action(KnowledgeIndex index, String question, List<String> terms,
                                 Map<String, String> words) {
        Matcher deed = ASKS_DEED.matcher(question);
        if (deed.find() && ASKS_OTHER_THAN_HOW.matcher(question.substring(0, deed.start())).find()) {
            // "Where can I scrape the metrics?": the place is said in the docs' verbs; what it is of must be said,
            // unless the verb only sets or uses it ("where can I set the port?"), as for a deed.
            Set<String> verbTerms = index.contentTerms(deed.group(1));
            Matcher thing = THING_TEXT.matcher(question).region(deed.start(2), question.length());
            return verbTerms.isEmpty() || LIGHT_VERB_TERMS.containsAll(verbTerms) || !thing.lookingAt() ? null
                    : thing(index, thing.group(), Subject.NONE, terms, words);
        }
        if (deed.find(0)) {
            Matcher particle = LONE_PARTICLE.matcher(question).region(deed.end(), question.length());
            return deed.group(2).isBlank() && particle.lookingAt() ? phrasal(index, deed.group(1), particle.group(1))
                    : deed(index, deed, terms);
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
                return new Action("", List.of(), asked, role, role.stream().map(words::get).toList(), Form.WHO);
            }
            List<String> verbTerms = ONE_WORD_SUBJECTS.contains(verb.toLowerCase(Locale.ROOT)) ? List.of()
                    : List.copyOf(KnowledgeIndex.terms(AS_WRITTEN, verb));
            return new Action(verb, verbTerms, asked, List.of(), List.of(), Form.WHO);
        }
        Matcher count = ASKS_COUNT.matcher(question);
        if (count.find()) {
            return thing(index, count.group(1), Subject.COUNTED, terms, words);
        }
        Matcher does = ASKS_DOES.matcher(question);
        if (does.find()) {
            return thing(index, does.group(1), Subject.AND_VERB, terms, words);
        }
        Matcher done = ASKS_DONE.matcher(question);
        if (done.find()) {
            return thing(index, done.group(1), Subject.AND_PARTICIPLE, terms, words);
        }
        Matcher there = ASKS_THERE.matcher(question);
        if (there.find()) {
            return thing(index, there.group(1), Subject.NONE, terms, words);
        }
        Matcher which = ASKS_WHICH_THERE.matcher(question);
        return which.find() ? thing(index, which.group(1), Subject.NONE, terms, words) : null;
    }

    /**
     * The deed of a how-question, or null: none when its verb only makes it a question ("how do I use", "can I
     * get"), is a light verb ({@link #LIGHT_VERBS}) or is none of the question's terms, or it is done to nothing
     * the question names ("How do I monitor it?": the product as a whole, which the docs describe in many words),
     * or a passage of the docs says the verb and its object in its own words, where retrieval may have missed it
     * ("publishes the page"), or it is a phrasal verb ("spin up", "shut it down"), whose meaning is not its verb's
     * and which the embedder, reading word by word, cannot match to the docs' verb.
     */
    private static Action deed(KnowledgeIndex index, Matcher deed, List<String> terms) {
        List<String> verbTerms = List.copyOf(index.contentTerms(deed.group(1)));
        if (verbTerms.isEmpty() || LIGHT_VERB_TERMS.containsAll(verbTerms)
                || !terms.containsAll(verbTerms) || PHRASAL.matcher(deed.group(2)).find()) {
            return null;
        }
        List<String> objectTerms = index.contentTerms(deed.group(2)).stream().filter(terms::contains).toList();
        if (objectTerms.isEmpty() || index.onePassageSays(verbTerms, objectTerms)) {
            return null;
        }
        return new Action(deed.group(1), verbTerms, deed.group(2).strip(), objectTerms, List.of(), Form.HOW);
    }

    /**
     * How to do what a verb and a particle with nothing after them say ("log in", "sign on"), or null when the verb
     * only says that something is set or used ("turn on"): the docs describe that with its object's words.
     */
    private static Action phrasal(KnowledgeIndex index, String verb, String particle) {
        List<String> verbTerms = List.copyOf(index.contentTerms(verb));
        if (verbTerms.isEmpty() || LIGHT_VERB_TERMS.containsAll(verbTerms)) {
            return null;
        }
        String lower = particle.toLowerCase(Locale.ROOT);
        return new Action(verb, verbTerms, lower, List.of(), List.of(), Form.PHRASAL);
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
    private static Action thing(KnowledgeIndex index, String rest, Subject subject, List<String> terms,
                                Map<String, String> words) {
        List<String> tokens = List.of(rest.strip().split("\\s+"));
        int at = 0;
        String verb = "";
        if (subject == Subject.AND_PARTICIPLE) {
            // The subject is a noun phrase, so its first participle is the verb's.
            at = 1;
            while (at < tokens.size() && at <= THING_WORDS && !PARTICIPLE.matcher(tokens.get(at)).matches()) {
                at++;
            }
            if (at >= tokens.size() || at > THING_WORDS
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
                : rarest(index, objectTerms));
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
                    && QUESTION_WORDS.contains(tokens.get(end + 1).toLowerCase(Locale.ROOT)) ? end + 2 : end + 1;
            String purpose = thingWords(String.join(" ", tokens.subList(Math.min(from, tokens.size()), tokens.size())));
            List<String> purposeTerms = rarest(index, spokenTerms(index, purpose, terms).stream()
                    .filter(term -> !PEOPLE_TERMS.contains(term) && !needed.contains(term)).toList());
            if (!purposeTerms.isEmpty()) {
                if (describing || objectTerms.stream().allMatch(GENERIC_TERMS::contains)) {
                    needed.clear();
                }
                needed.addAll(purposeTerms);
                object = object + " for " + purpose;
            }
        }
        return new Action(verb, verbTerms, object, List.copyOf(needed), needed.stream().map(words::get).toList(),
                subject == Subject.COUNTED ? Form.COUNT : Form.THING);
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

    /** The question's terms among the words, as a passage must speak them ({@link #SPOKEN}). */
    private static List<String> spokenTerms(KnowledgeIndex index, String words, List<String> terms) {
        // A name with a capital inside ("WebSockets") is one word.
        Set<String> spoken = KnowledgeIndex.terms(SPOKEN, index.inDocsWords(words));
        return index.contentTerms(words).stream().filter(terms::contains).filter(spoken::contains).toList();
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

    /** What a number that answers the question looks like, or null when it asks for no amount. */
    private static Pattern amount(String question) {
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

    /**
     * The whole words of the embedder's vocabulary (BERT's uncased WordPiece vocabulary, read from the model's
     * tokenizer file): a lower-case word of the question that the docs never use is an ordinary English word
     * when it is one of them, a simple inflection of one, or two of them run together ("offline", "sidebar"),
     * and else most likely a name ("kubernetes", "memcached"). Each word keeps its id, which runs roughly in order
     * of how common the word is in English ("the" 1996, "different" 2367, "slack" 19840). Empty when the tokenizer
     * file cannot be read, which only turns this reading off.
     */
    static final class Lexicon {
        private static final String TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";
        private static final int SHORTEST_PART = 3;
        private static final Map<String, Integer> WORDS = load();

        private Lexicon() {
        }

        /** The word's id in the vocabulary, roughly its rank by how common it is; none for a word not in it. */
        static java.util.OptionalInt rank(String word) {
            Integer id = WORDS.get(word);
            return id == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(id);
        }

        static boolean ordinary(String word) {
            if (whole(word)) {
                return true;
            }
            for (int cut = SHORTEST_PART; cut <= word.length() - SHORTEST_PART; cut++) {
                if (WORDS.containsKey(word.substring(0, cut)) && WORDS.containsKey(word.substring(cut))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether the word is one word of the vocabulary, spelt either way ({@link Spellings}), or a simple
         * inflection or derivation of one: a comparative or superlative ("cheapest", "pricier", "bigger") or a verb
         * made of it ("initialise", "summarize"). Not two words run together.
         */
        static boolean whole(String word) {
            if (WORDS.isEmpty() || WORDS.containsKey(word) || Spellings.others(word).stream().anyMatch(WORDS::containsKey)) {
                return true;
            }
            for (String ending : ENDINGS) {
                String stem = word.substring(0, Math.max(0, word.length() - ending.length()));
                if (word.endsWith(ending) && stem.length() >= SHORTEST_PART && bases(stem).anyMatch(WORDS::containsKey)) {
                    return true;
                }
            }
            return false;
        }

        /** Inflections, and the endings of comparison and of verbs made of nouns and adjectives, longest first. */
        private static final List<String> ENDINGS = List.of("isations", "izations", "isation", "ization", "ising",
                "izing", "ised", "ized", "ises", "izes", "ise", "ize", "iest", "ier", "est", "ers", "ing", "es", "ed",
                "er", "ly", "s", "d");

        /**
         * What a word was before an ending: the stem itself, with a doubled last consonant single ("bigg" of
         * "bigger"), with the letters an ending replaces ("pric" of "pricier" was "pricy" or "price", "summar" of
         * "summarise" was "summary"), or as the adjective or noun of a verb made with -ise ("optimal", "optimization"
         * of "optimise").
         */
        private static java.util.stream.Stream<String> bases(String stem) {
            int last = stem.length() - 1;
            String single = stem.charAt(last) == stem.charAt(last - 1) ? stem.substring(0, last) : stem;
            return java.util.stream.Stream.of(stem, single, stem + "e", stem + "y", stem + "ey", stem + "al",
                    stem + "ization");
        }

        private static Map<String, Integer> load() {
            try (java.io.InputStream in = Understanding.class.getResourceAsStream(TOKENIZER)) {
                if (in == null) {
                    return Map.of();
                }
                // Streamed: building the whole 700 KB document as a tree cost a tenth of a second at each start.
                try (JsonParser json = new JsonFactory()
                        .createParser(in)) {
                    Map<String, Integer> words = new java.util.HashMap<>();
                    if (json.nextToken() == JsonToken.START_OBJECT
                            && enter(json, "model") && enter(json, "vocab")) {
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String token = json.currentName();
                            json.nextToken();
                            if (lettersOnly(token)) {
                                words.put(token, json.getIntValue());
                            }
                        }
                    }
                    return Map.copyOf(words);
                }
            } catch (java.io.IOException | RuntimeException e) {
                return Map.of();
            }
        }

        private static boolean lettersOnly(String token) {
            for (int i = 0; i < token.length(); i++) {
                if (!Character.isLetter(token.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Moves into the object value of {@code field} of the object the parser is in, skipping the others. */
        private static boolean enter(JsonParser json, String field) throws java.io.IOException {
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                JsonToken value = json.nextToken();
                if (field.equals(json.currentName()) && value == JsonToken.START_OBJECT) {
                    return true;
                }
                json.skipChildren();
            }
            return false;
        }
    }
}

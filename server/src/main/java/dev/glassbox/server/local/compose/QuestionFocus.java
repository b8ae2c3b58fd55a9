package dev.glassbox.server.local.compose;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Lexicon;
import dev.glassbox.server.local.knowledge.Quotables;
import dev.glassbox.server.local.understanding.Understanding;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of thing the question asks for, read from the visitor's own words, and whether a sentence
 * states it: an amount (a price, a duration, a size, a count), a setting's value, a method, a condition,
 * a place, a name, a list of what something covers, or what follows from an event ({@code event}: the terms of
 * what happens in it, {@link #predicate}; {@code rate}: the term an outcome of an event that goes past a rate must
 * name, else empty; {@code limit}: whether it asks for the amount allowed, which a bound states). A reason is
 * weighed apart ({@link Reasons}). {@code price}: whether it asks what something costs, which "it costs nothing" states.
 * {@code defines}: for "what is X?", what a sentence that says what X is looks like ({@link #DEFINES}), else null.
 */
record QuestionFocus(Set<Kind> kinds, Pattern amount, Set<Measures.Measure> measures, String question,
             Set<String> counted, Set<String> numbered, Pattern numberOf, Set<String> event, Set<String> rate,
             AmountQualifier qualifier, boolean limit, boolean price, Pattern defines) {
    enum Kind {
        AMOUNT("the amount", true),
        VALUE("a value", true),
        METHOD("how it is done", false),
        CONDITION("when it happens", false),
        PLACE("where", true),
        /** Where a thing is set is the setting that sets it: an environment variable or a command-line flag. */
        SETTING("the setting", true),
        NAME("names", true),
        LIST("what it covers", false),
        CONSEQUENCE("what follows from the event asked about", true),
        /** What an endpoint or a request gets back: a status code, an error code. */
        RESPONSE("the response", true),
        /** What a thing is: "Glassbox is an open-source AI agent …" for "What is Glassbox?". */
        DEFINITION("what it is", true);

        final String what;
        /** Whether it is a thing (a number, a name, a place) worth a sentence of a passage not close to the best. */
        final boolean concrete;

        Kind(String what, boolean concrete) {
            this.what = what;
            this.concrete = concrete;
        }
    }

    /** "How is …", "How does …": how something is done, not how much of it there is. */
    private static final Pattern ASKS_METHOD = Pattern.compile("^\\W*(?:(?:and|so|but|then|ok|okay)\\W+)?how\\b"
            + "(?!\\s+(?:much|many|long|often|fast|big|large|soon|far|old|small|slow(?:ly)?|quick(?:ly)?)\\b)"
            + "|\\bin what way\\b|\\bwhat (?:keeps|makes sure|ensures|checks)\\b", Pattern.CASE_INSENSITIVE);
    /** A method stated as a check ("a test fails when …") or a means ("by ranking …"). */
    private static final String CHECK = "\\b(?:check(?:s|ed)?|tests?|tested|verif(?:y|ies|ied)|compar(?:e|es|ed)|"
            + "fails? (?:when|if|unless))\\b|\\b(?:by|through|via) (?:[\\w-]+ ){0,2}?[\\w-]+ing\\b";
    private static final Pattern CHECKS = Pattern.compile(CHECK, Pattern.CASE_INSENSITIVE);
    private static final Pattern STATES_METHOD = Pattern.compile(CHECK + "|\\b(?:comput(?:e|es|ed)|measur(?:e|es|ed)|"
            + "rank(?:s|ed|ing)|fus(?:e|es|ed|ing)|works? out|worked out)\\b", Pattern.CASE_INSENSITIVE);
    /** "How do I …", "How can you …": how to do something, answered by an instruction, a setting or a command. */
    private static final Pattern ASKS_HOW_TO = Pattern.compile("\\bhow (?:do|can|could|should|would) (?:i|you|we|"
            + "one)\\b|\\bhow to\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATES_HOW_TO = Pattern.compile("^(?:Set|Run|Use|Start|Build|Open|Add|Pass|Call|"
            + "Send|Point|Change|Edit|Install)\\b|\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b|\\./[\\w-]+|\\bjava -jar\\b");
    private static final Pattern ASKS_CONDITION = Pattern.compile("^\\W*(?:(?:and|so|but|then)\\W+)?when\\b|"
            + "\\bin (?:which|what) cases?\\b|\\bunder what\\b|"
            + "\\bwhat (?:triggers|causes)\\b", Pattern.CASE_INSENSITIVE);
    /** Who does something in an event ("a visitor sends …", "I open …"): not what the event is about. */
    private static final Pattern PERSON = Pattern.compile("(?i)\\b(?:i|you|we|they|he|she|someone|somebody|"
            + "people|visitors?|users?|clients?|browsers?)\\b");
    /** How far an event goes ("too many", "too fast"): no term of what happens. */
    private static final String DEGREE = "too many much very so more less";
    /** "Too fast", "so often", "again and again": an event that goes past a rate. */
    private static final Pattern TOO_OFTEN = Pattern.compile("(?i)\\b(?:too|so|very) (?:fast|quickly|quick|often|"
            + "frequently|rapidly|soon)\\b|\\bagain and again\\b|\\bover and over\\b|\\bin quick succession\\b|"
            + "\\b(?:quickly|rapidly|in a row|back to back|one after (?:another|the other))\\b");
    /** The docs' word for how fast something may be done. */
    private static final String RATE = "rate";
    private static final Pattern PREPOSITION = Pattern.compile("(?i)in|on|at|for|from|with|while|during|"
            + "after|before|when|if|because|to|of|by|through|inside|within");
    /** A size, a duration or a price, as an event states a bound ("over 32 KB"), not what it counts. */
    private static final Pattern BOUND = Pattern.compile("(?i)\\$\\s?\\d[\\d,.]*|(?<![\\w.,])\\d[\\d,.]*\\s*(?:[KMG]i?B|kB|"
            + "bytes?|ms|milliseconds?|s|seconds?|minutes?|hours?|days?)\\b");
    /**
     * "What if my browser stops reading?", "and what if …": the event a question opens with "what if" about is asked
     * what follows from, as "what happens if …" asks it.
     */
    private static final String WHAT_IF = "^\\W*(?:(?:and|so|but|then|ok|okay)\\W+)?what if\\s+(.+)";
    /**
     * "What happens when …", "what is the effect of …", "what happens to a socket that stops reading": the event it
     * names is in a group; what something happens to is the event's subject.
     */
    private static final Pattern ASKS_CONSEQUENCE = Pattern.compile("(?i)\\bwhat (?:happens|(?:would|will|could|"
            + "might|should) happen)\\b(?:\\s+[\\w'-]+){0,4}?"
            + "\\s+(?:if|when|whenever|once|after|as soon as)\\s+(.+)|\\bwhat (?:is|are|would be) the (?:result|"
            + "outcome|effect|consequence)s? (?:of|if|when)\\s+(.+)|" + WHAT_IF + "|\\bwhat (?:happens|would happen|"
            + "will happen) to\\s+(.+)");
    /**
     * An outcome: something ends, stops, fails, is refused, told, skipped or pushed out (goes first), or gets an
     * error code in lower case ("rate_limited"; not a setting such as GLASSBOX_MODEL_ID).
     */
    private static final Pattern OUTCOME = Pattern.compile("(?i)(?<!-)\\b(?:gets?|got|ends?|ended|stops?|stopped|"
            + "clos(?:es|ed)|close (?:its|the|a|their|every|each)|cancel(?:s|led)?|refuse[sd]?|rejecte?d?s?|fail(?:s|ed)?|is told|told|returns?|"
            + "retr(?:y|ies|ied)|drop(?:s|ped)|los(?:es|t)|waits?|expires?|throttled?|busy|errors?|is cut off|"
            + "disconnected|goes on|keeps running|is billed|is stopped|is resumed|goes first|push(?:es|ed)? out|"
            + "forgets?|forgotten|evict(?:s|ed)?|skip(?:s|ped)?)\\b|(?-i:\\b[a-z]+_[a-z_]+\\b)");
    /** "What does /readyz return?", "which status …": what comes back, not what the thing is. */
    private static final Pattern ASKS_RESPONSE = Pattern.compile("(?i)\\bwhat (?:do|does|did|will|would) (?:\\S+ )"
            + "{1,5}?(?:return|answer|respond|reply|give back|send back)s?\\b|\\b(?:what|which) (?:http )?(?:status|"
            + "response|error)(?: codes?)?\\b");
    /**
     * A status code (a number from 100 to 599 that counts nothing: "answers 503", "gets 413"), an error code
     * ("too_large") or a close code ("code 1013").
     */
    private static final Pattern STATES_RESPONSE = Pattern.compile("(?<![\\d,.$])[1-5]\\d\\d(?![\\d,.]\\d)(?!\\s*(?:%|"
            + "[\\p{L}-]*(?:ms|s|seconds?|minutes?|hours?|days?|[KMG]i?B|bytes?|tokens?|words?|characters?|million|"
            + "thousand|times|x)\\b))|\\b[a-z]+_[a-z_]+\\b|\\bcode \\d{4}\\b");
    /**
     * "What is Glassbox?", "what's the local API Gateway?", "what are S3 Vectors": a thing named and nothing more asked
     * of it, up to a few words; its last word ({@code head}) is what a definition says "is a …" of.
     */
    private static final Pattern ASKS_DEFINITION = Pattern.compile("(?i)^\\W*(?:(?:and|so|but|then|ok|okay)\\W+)?what"
            + "(?: exactly)? (?:is|are) (?:an? |the )?(?<thing>(?:[\\w.'-]+ ){0,3}(?<head>[\\w.-]*\\w))\\W*$");
    /** A definition of the head: "Glassbox is an …", "The local API Gateway (LocalGateway) is a …", "… are the …". */
    private static final String DEFINES = "(?i)^(?:\\S+\\s+){0,6}?%s\\w*(?:\\s*\\([^)]*\\))?,?\\s+(?:is|are)\\s+"
            + "(?:an?|the|one|its|their)\\s";
    private static final Pattern STATES_CONDITION = Pattern.compile("\\b(?:when|whenever|if|unless|until|once|"
            + "as soon as|after|before)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKS_PLACE = Pattern.compile("\\bwhere\\b|\\b(?:which|what) (?:folder|file|"
            + "directory|bucket|table|region|path)\\b", Pattern.CASE_INSENSITIVE);
    /**
     * "Where is the heap set?", "how is the port configured?", "which setting controls it?": the setting is asked
     * for, not a place (a sentence naming a file states none of it).
     */
    private static final Pattern ASKS_SETTING = Pattern.compile("\\bwhere (?:is|are|was|were|do|does|can|could|"
            + "should) (?:\\S+ ){0,10}?(?:set|configured|changed|chosen|specified|defined|controlled|adjusted|"
            + "tuned)\\b|\\bhow (?:is|are) (?:\\S+ ){0,10}?(?:set|configured|changed|chosen|specified|controlled)\\b|"
            + "\\b(?:which|what) (?:environment )?(?:settings?|variables?|flags?|options?)\\b",
            Pattern.CASE_INSENSITIVE);
    /** An environment variable ("GLASSBOX_PORT") or a command-line flag ("-Xmx512m", "--target"). */
    private static final Pattern STATES_SETTING = Pattern.compile("\\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\\b|"
            + "(?<![\\w-])--?[A-Za-z][\\w.-]*");
    private static final Pattern STATES_PLACE = Pattern.compile("[\\w.-]+/[\\w./-]+|\\b[\\w-]+\\.(?:md|json|yml|"
            + "yaml|jar|java|js|html|css|sh|txt|properties)\\b|\\b(?:in|under|into|on|from) (?:the |a |its |their "
            + "|each |one )?(?:[\\w-]+ ){0,3}?(?:folder|file|directory|bucket|region|memory|disk|repository)s?\\b"
            + "|\\bDynamoDB table\\b|\\bport \\d+|\\bin (?:DynamoDB|S3|CloudWatch|memory)\\b"
            // Where something is kept, by the verb that keeps it: "is kept in the browser tab's sessionStorage".
            + "|\\b(?:kept|keeps|stored|stores|cached|saved|saves|written|writes|lives?|held|holds) (?:[\\w-]+ ){0,3}?"
            + "(?:in|under|into) (?:the |a |its |their |each |one )?[\\w'.-]+");
    private static final Pattern ASKS_VALUE = Pattern.compile("\\b(?:set to|what value|(?:the|its|their) "
            + "defaults?|default (?:value|setting)s?|defaults? to|unless (?:I|you|we) (?:change|set))\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern STATES_VALUE = Pattern.compile("\\d|\\bby default\\b|\\bdefaults? (?:to|is)\\b|=");
    private static final Pattern ASKS_NAME = Pattern.compile("^\\W*(?:(?:and|so|but|then)\\W+)?(?:which(?! (?:port|"
            + "number|version|size|year|day|time|limit)s?\\b)|who)\\b|"
            + "\\bwhat (?:is|are) (?:the |its |their )?names?\\b|\\b(?:called|named)\\b|\\bwhat (?:[\\w-]+ ){0,2}?"
            + "(?:models?|tools?|services?|databases?|librar(?:y|ies)|files?|class(?:es)?|backends?|languages?|"
            + "regions?|runtimes?|frameworks?|metrics?|settings?|variables?|commands?|kinds?|types?|steps?|"
            + "alarms?|events?|codes?|formats?|protocols?|encodings?|standards?|algorithms?|licen[cs]es?)\\b|\\b(?:another|other|fourth|third|second|fifth|sixth|remaining)\\b",
            Pattern.CASE_INSENSITIVE);
    /** "What does the test cover?", "What are the limits?": a list of what something covers or holds. */
    private static final Pattern ASKS_LIST = Pattern.compile("\\bwhat (?:do|does|did|will) (?:[\\w'-]+ ){1,4}?"
            + "(?:cover|check|test|include|contain|hold|list|keep|store|record|log|watch|show|catch|protect)s?\\b|"
            + "\\bwhat (?:are|were) (?:the|its|their)\\b|\\bwhat (?:else|all)\\b|\\blist\\b",
            Pattern.CASE_INSENSITIVE);
    /** A sentence that lists: three items or more, or a lead-in to its list. */
    private static final Pattern STATES_LIST = Pattern.compile("(?:[^,;]+[,;]){2,}[^,;]*\\b(?:and|or)\\b|:$");
    /**
     * A name: a word in camel case or capitals, a setting or file name, code, or a capitalised word
     * after the sentence's first.
     */
    private static final Pattern NAMED = Pattern.compile("(?<=[\\s(\"'])(?:`[^`]+`|[\\w-]*[a-z][A-Z][\\w-]*|"
            + "[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)*|[\\w-]+_[\\w-]+|[\\w-]+\\.(?:md|json|yml|jar|java|js|html)|"
            + "[A-Z][a-z][\\w-]*)");
    /** The share of an event's terms ({@link #eventShare}) a sentence names when it is about that event. */
    private static final double NAMES_EVENT = 0.5;
    /** What stating what the question asks for (other than an amount or a reason) adds to a sentence's score. */
    static final double WEIGHT = 2;
    /**
     * What something costs, asked in words of paying ("does it cost anything?", "is it free?"), not of what may be spent:
     * "costs nothing" answers the first and is no budget's limit.
     */
    private static final Pattern ASKS_PRICE = Pattern.compile("(?i)\\b(?:cost|costs|costing|price|prices|priced|"
            + "pricing|pay|paid|charge|charges|charged|bill|billed|bills|fees?|free|expensive|cheap(?:er|est)?)\\b");
    /** "The biggest message", "the maximum size": a limit, which a number states. */
    private static final Pattern ASKS_LIMIT = Pattern.compile("\\b(?:maximum|minimum|max|min|biggest|largest|"
            + "longest|smallest|shortest|highest|lowest|fewest|how old|upper bound|up to how)\\b",
            Pattern.CASE_INSENSITIVE);
    /** A question word with "is" cut to "'s": "what's", "where’s". */
    private static final Pattern CUT_IS = Pattern.compile("(?i)\\b(what|which|who|where|when|how)['’]s\\b");
    /** "How many files may the folder hold?", "how long can an answer run?": the amount allowed, a limit. */
    private static final Pattern ASKS_ALLOWED = Pattern.compile("(?i)\\b(?:may|can|could|allowed|permitted)\\b");
    /**
     * A number stated as a bound: "at most 32", "more than 1,000", "up to 4,096", "a limit of 64", "a 10-second
     * timeout".
     */
    private static final Pattern STATES_LIMIT = Pattern.compile("(?i)\\b(?:at (?:most|least)|up to|(?:no )?(?:more|"
            + "fewer|less|larger|longer|bigger|greater|higher) than|over|beyond|past|maximum|minimum|max|limit(?:ed)?"
            + "(?: to| of)?|cap(?:ped)?(?: at)?|exceeds?)\\s+(?:\\S+\\s+)?\\(?\\d|\\d[\\d,.]*(?:-\\p{L}+)?\\s+(?:\\S+\\s+)?"
            + "(?:timeout|limit|cap|budget|quota|maximum)\\b");
    /** How many words from a bound's first word may hold the amount it bounds ("at most 32 open WebSockets"). */
    private static final int LIMIT_REACH = 7;
    /** A unit after a number: the number measures something rather than counting it ("1 MB", "30 seconds"). */
    private static final Pattern UNIT = Pattern.compile("(?i)(?:[KMG]i?B|kB|bytes?|ms|milliseconds?|s|seconds?|"
            + "minutes?|hours?|days?|weeks?|months?|years?|%|percent)\\W*");
    /** A word of what a how-many question counts: not a verb, a preposition, an article or a pronoun. */
    private static final String COUNTED_WORD = "((?!(?:can|could|do|does|did|is|are|was|were|will|would|should|"
            + "may|might|must|per|of|in|on|at|for|from|to|than|the|a|an|i|you|we|it|they|there)\\b)[\\w-]+)";
    /**
     * "How many pings …", and "too many WebSockets" or "more WebSockets than it may" of a what-happens question,
     * whose answer is the limit's sentence: up to two words after it name what is counted.
     */
    private static final Pattern ASKS_COUNT = Pattern.compile("(?i)\\b(?:(?:how|too) many|more(?= [\\w-]+ than\\b)) "
            + COUNTED_WORD + "(?: " + COUNTED_WORD + ")?");
    /** A number that counts: digits, or a number word ("seven CloudWatch alarms"). */
    private static final Pattern COUNT = Pattern.compile("(?i)\\(?(?:\\d[\\d,]*|" + Lexicon.NUMBER_WORDS + ")\\)?");
    private static final Pattern BRACKETED = Pattern.compile("\\(\\d[\\d,]*\\)[.,;:]?");
    private static final Pattern ONE = Pattern.compile("(?i)\\(?(?:1|one)\\)?");
    /** How many words may stand between a count and what it counts ("32 open WebSockets"). */
    private static final int COUNT_REACH = 2;
    /** "Which port …", "what version …": a thing named by the number that follows it ("port 8080"). */
    private static final Pattern ASKS_NUMBERED = Pattern.compile("(?i)\\b(?:which|what) (?:(?:is|are|was|were) )?(?:(?:the|its|their) )?"
            + "(?:[\\w-]+ )?(port|"
            + "version|release|code)\\b");
    private static final Pattern NUMBER = Pattern.compile("\\(?\\d[\\d.,]*\\)?[.,;:]?");

    static QuestionFocus of(KnowledgeIndex index, Understanding understanding) {
        String asked = spelledOut(understanding.query());
        String question = spelledOut(understanding.asked());
        Set<Kind> kinds = java.util.EnumSet.noneOf(Kind.class);
        boolean method = ASKS_METHOD.matcher(asked).find();
        Pattern amount = understanding.amount();
        Matcher count = ASKS_COUNT.matcher(question);
        boolean howMany = count.find();
        // "How many seconds do running answers get?" asks a duration: what it counts is a unit.
        Pattern unit = howMany ? Measures.amountIn(count.group(1)) : null;
        if (unit != null) {
            amount = unit;
            howMany = false;
        }
        if (amount == null && !method && ASKS_LIMIT.matcher(question).find()) {
            amount = DIGIT;
        }
        String happens = event(question);
        String outcomeOf = happens == null ? "" : happens;
        Matcher bound = BOUND.matcher(outcomeOf);
        // A what-happens question asks the outcome, not an amount, even when its event names one ("a model not in
        // the price list", "a frame over 32 KB"). An outcome that names only the event's bound (of another thing
        // with the same bound) is not the event's.
        String eventBound = bound.find() ? bound.group() : null;
        if (!outcomeOf.isEmpty()) {
            amount = null;
        }
        if (amount != null && !method) {
            kinds.add(Kind.AMOUNT);
        }
        if (ASKS_VALUE.matcher(asked).find()) {
            kinds.add(Kind.VALUE);
        }
        if (method && !understanding.asksWhy()) {
            kinds.add(Kind.METHOD);
        }
        if (ASKS_CONDITION.matcher(asked).find()) {
            kinds.add(Kind.CONDITION);
        }
        Set<String> event = Set.of();
        Set<String> rate = Set.of();
        if (happens != null) {
            kinds.add(Kind.CONSEQUENCE);
            Set<String> terms = new HashSet<>(index.terms(predicate(happens)));
            // What the event happens to counts too ("the daily budget runs out"), unless it is a person.
            terms.addAll(index.terms(subject(happens)));
            terms.removeAll(index.terms(DEGREE));
            if (eventBound != null && !index.terms(eventBound).containsAll(terms)) {
                terms.removeAll(index.terms(eventBound));
            }
            // A number names no event: "10" of "more than 10 pings" is in "after 10 minutes" too.
            if (terms.stream().anyMatch(t -> !t.matches("[\\d.,]+"))) {
                terms.removeIf(t -> t.matches("[\\d.,]+"));
            }
            if (TOO_OFTEN.matcher(happens).find()) {
                // Asking too fast or too often is going past a rate: its outcome is what the rate limit says, not
                // what another limit of the same message says ("a longer question gets too_large").
                rate = index.terms(RATE);
                terms.addAll(rate);
            }
            event = Set.copyOf(terms);
        }
        if (ASKS_SETTING.matcher(asked).find()) {
            kinds.add(Kind.SETTING);
        } else if (ASKS_PLACE.matcher(asked).find()) {
            kinds.add(Kind.PLACE);
        }
        if (ASKS_RESPONSE.matcher(asked).find()) {
            kinds.add(Kind.RESPONSE);
        }
        if (ASKS_NAME.matcher(asked).find()) {
            kinds.add(Kind.NAME);
        }
        if (ASKS_LIST.matcher(asked).find()) {
            kinds.add(Kind.LIST);
        }
        Matcher definition = ASKS_DEFINITION.matcher(question);
        Pattern defines = null;
        if (kinds.isEmpty() && amount == null && definition.find()
                && !Quotables.hasVerb("it " + definition.group("thing"))) {
            kinds.add(Kind.DEFINITION);
            defines = Pattern.compile(String.format(DEFINES, stem(definition.group("head"))));
        }
        Set<String> counted = new HashSet<>();
        if (howMany) {
            counted.addAll(index.terms(count.group(1)));
            if (count.group(2) != null) {
                counted.addAll(index.terms(count.group(2)));
            }
        }
        Matcher numbered = ASKS_NUMBERED.matcher(question);
        boolean names = numbered.find();
        Set<String> named = names ? index.terms(numbered.group(1)) : Set.of();
        // The same as a pattern over the words of a sentence, for cutting a long one to the part that holds it.
        Pattern numberOf = !counted.isEmpty() ? Pattern.compile("(?i)" + COUNT.pattern() + "\\s+(?:\\S+\\s+){0,"
                + COUNT_REACH + "}?" + stem(count.group(count.group(2) == null ? 1 : 2)) + "\\w*")
                : names ? Pattern.compile("(?i)\\b" + stem(numbered.group(1)) + "\\w*\\s+\\(?\\d") : null;
        Set<Measures.Measure> measures = amount == null ? Set.of()
                : Measures.asked(amount, understanding.standaloneQuery(), howMany);
        AmountQualifier qualifier = amount == null || amount.pattern().equals(DIGIT.pattern()) ? null
                : AmountQualifier.of(index, question, measures.contains(Measures.Measure.MONEY));
        boolean limit = kinds.contains(Kind.AMOUNT) && (ASKS_LIMIT.matcher(question).find()
                || ASKS_ALLOWED.matcher(question).find());
        return new QuestionFocus(kinds, amount, measures, understanding.standaloneQuery(), Set.copyOf(counted),
                Set.copyOf(named), numberOf, event, rate, qualifier, limit,
                measures.contains(Measures.Measure.MONEY) && ASKS_PRICE.matcher(question).find(), defines);
    }

    /**
     * The event the question asks the outcome of, or null: what {@link #ASKS_CONSEQUENCE} names, unless it is what
     * something happens to and no event ("a file bigger than a megabyte" names a thing, and what is said of it
     * answers, not what follows).
     */
    private static String event(String question) {
        Matcher asks = ASKS_CONSEQUENCE.matcher(question);
        if (!asks.find()) {
            return null;
        }
        for (int group = 1; group < asks.groupCount(); group++) {
            if (asks.group(group) != null) {
                return asks.group(group);
            }
        }
        String subject = asks.group(asks.groupCount());
        return verb(subject.split("\\s+")) < 0 ? null : subject;
    }

    /** The question with "what's" read as "what is", as the patterns of what it asks expect. */
    private static String spelledOut(String question) {
        return CUT_IS.matcher(question).replaceAll("$1 is");
    }

    /**
     * What an event says happens, without what it happens to or where: "sends too many questions" of "a visitor
     * sends too many questions in the cloud", "fails" of "the Lambda invoke fails". From its first verb to the
     * first preposition after it; the whole event when it has no verb.
     */
    static String predicate(String event) {
        String[] words = event.replaceAll("[?.!]+$", "").split("\\s+");
        int verb = verb(words);
        if (verb < 0) {
            return event;
        }
        int end = verb + 1;
        while (end < words.length && !PREPOSITION.matcher(words[end]).matches()) {
            end++;
        }
        return String.join(" ", java.util.Arrays.copyOfRange(words, verb, end));
    }

    /** What an event happens to, unless a person: "the daily budget" of "the daily budget runs out"; else "". */
    static String subject(String event) {
        String[] words = event.split("\\s+");
        int verb = verb(words);
        String subject = verb < 0 ? "" : String.join(" ", java.util.Arrays.copyOfRange(words, 0, verb));
        return PERSON.matcher(subject).find() ? "" : subject;
    }

    /** Where an event's first verb is, from its second word on, or -1. */
    private static int verb(String[] words) {
        for (int verb = 1; verb < words.length; verb++) {
            if (Quotables.hasVerb(String.join(" ", java.util.Arrays.copyOfRange(words, 0, verb + 1)))) {
                return verb;
            }
        }
        return -1;
    }

    /**
     * Whether a sentence that refers back states what follows from the event asked about because the sentence
     * before it names most of that event ({@code namedBefore}: the share it names, {@link #eventShare}).
     */
    boolean outcomeOfPrevious(String sentence, double namedBefore) {
        return kinds.contains(Kind.CONSEQUENCE) && namedBefore >= NAMES_EVENT && OUTCOME.matcher(sentence).find();
    }

    /**
     * The share of the event's terms, weighed by how rare they are, that a sentence with these terms names: an
     * outcome of the event asked about names what it happens to and what happens, not only one common word.
     */
    double eventShare(KnowledgeIndex index, Set<String> terms) {
        double named = 0;
        double all = 0;
        for (String term : event) {
            all += index.idf(term);
            named += terms.contains(term) ? index.idf(term) : 0;
        }
        return all == 0 ? 0 : named / all;
    }

    /** A word without its plural ending, quoted for a pattern: "pings" as "ping", "WebSockets" as "WebSocket". */
    private static String stem(String word) {
        return Pattern.quote(word.replaceFirst("(?i)(?<=\\w{3})e?s$", ""));
    }

    /**
     * Whether the sentence gives the number of what the question asks the number of: a number just before
     * what a how-many question counts ("at most 32 WebSockets", "seven CloudWatch alarms") or in brackets just
     * after it ("more HTTP connections than allowed (64)"), or just after
     * what a which-port question names ("port 8080").
     */
    boolean counts(KnowledgeIndex index, String sentence) {
        if (qualified(sentence, index.terms(sentence))) {
            return true;
        }
        if (counted.isEmpty() && numbered.isEmpty()) {
            return false;
        }
        String[] words = sentence.split("\\s+");
        for (int i = 0; i < words.length; i++) {
            if (i + 1 < words.length && NUMBER.matcher(words[i + 1]).matches()
                    && index.terms(words[i]).stream().anyMatch(numbered::contains)) {
                return true;
            }
            if (counted.isEmpty()) {
                continue;
            }
            if (index.terms(words[i]).stream().anyMatch(counted::contains)) {
                // The count in brackets after what it counts: "more HTTP connections than allowed (64)".
                for (int j = i + 1; j < words.length && j <= i + 1 + COUNT_REACH; j++) {
                    if (BRACKETED.matcher(words[j]).matches()) {
                        return true;
                    }
                }
            }
            if (!COUNT.matcher(words[i]).matches() || i + 1 < words.length && UNIT.matcher(words[i + 1]).matches()) {
                continue;
            }
            for (int j = i + 1; j < words.length && j <= i + 1 + COUNT_REACH; j++) {
                // More than one of a thing is said in the plural: "20 token messages" counts messages.
                boolean modifies = !ONE.matcher(words[i]).matches() && !words[j].matches("(?i).*s\\W*");
                if (!modifies && index.terms(words[j]).stream().anyMatch(counted::contains)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the sentence states the amount asked for as the question qualifies it ({@link AmountQualifier}: for
     * the quantity it names, or all counted together): as precise as a how-many question's count.
     */
    boolean qualified(String sentence, Set<String> terms) {
        return qualifier != null && qualifier.fits(sentence, terms) && Measures.states(amount, measures, sentence);
    }

    /**
     * Whether the sentence states its amount as a bound ("at most 32 WebSockets") when the question asks for the
     * amount allowed ("How many WebSockets may one address open?"): a limit, not a figure once measured.
     */
    boolean statesLimit(KnowledgeIndex index, String sentence) {
        Matcher bound = STATES_LIMIT.matcher(sentence);
        while (limit && bound.find()) {
            // The bound must be on what is asked: "at most 2 answers" is no limit on how many questions.
            String[] after = sentence.substring(bound.start()).split("\\s+");
            String bounded = String.join(" ", java.util.Arrays.copyOf(after, Math.min(after.length, LIMIT_REACH)));
            if (counted.isEmpty() ? Measures.states(amount, measures, bounded) : counts(index, bounded)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the sentence says what follows from something: it ends, fails, is refused, gets an error code. */
    static boolean outcome(String sentence) {
        return OUTCOME.matcher(sentence).find();
    }

    /** Which of the kinds the question asks for the sentence (whose terms are given) states. */
    Set<Kind> stated(String sentence, Set<String> terms) {
        Set<Kind> stated = java.util.EnumSet.noneOf(Kind.class);
        for (Kind kind : kinds) {
            boolean states = switch (kind) {
                case AMOUNT -> amount != null && (Measures.states(amount, measures, sentence)
                        || price && Measures.free(sentence))
                        && (qualifier == null || !qualifier.otherPeriod(sentence));
                case VALUE -> STATES_VALUE.matcher(sentence).find();
                case METHOD -> STATES_METHOD.matcher(sentence).find()
                        || ASKS_HOW_TO.matcher(question).find() && STATES_HOW_TO.matcher(sentence).find();
                case CONDITION -> STATES_CONDITION.matcher(sentence).find();
                case PLACE -> STATES_PLACE.matcher(sentence).find();
                case SETTING -> STATES_SETTING.matcher(sentence).find();
                case NAME -> names(sentence) > 0;
                case LIST -> STATES_LIST.matcher(sentence).find();
                case RESPONSE -> STATES_RESPONSE.matcher(sentence).find();
                case DEFINITION -> defines.matcher(sentence).find();
                // An outcome of the event asked about: it names what happens in the event too.
                case CONSEQUENCE -> OUTCOME.matcher(sentence).find() && terms.stream().anyMatch(event::contains)
                        && (rate.isEmpty() || terms.stream().anyMatch(rate::contains));
            };
            if (states) {
                stated.add(kind);
            }
        }
        return stated;
    }

    /**
     * What a number that answers looks like (the number of what the question counts or names, an amount, a
     * setting's value), for cutting a long sentence; or null.
     */
    Pattern sought() {
        return numberOf != null ? numberOf : kinds.contains(Kind.AMOUNT) ? amount
                : kinds.contains(Kind.VALUE) ? DIGIT : null;
    }

    /**
     * The kind asked for that the candidate states clearly enough to be chosen for it, or null. A method
     * counts only as a check ("a test fails when …") or a means ("by ranking …"): too many sentences
     * mention computing or measuring something.
     */
    Kind answers(Candidate candidate) {
        for (Kind kind : candidate.states()) {
            if (kind != Kind.METHOD || CHECKS.matcher(candidate.quotable().whole()).find()) {
                return kind;
            }
        }
        return null;
    }

    /**
     * How precisely the candidate states what the question asks for: 2 when it counts what a how-many
     * question counts, 1 when it states an amount with the unit asked for (a price, a duration, a size) or an
     * outcome of the event a what-happens question names, else 0. (Any number, a name or a place is told by its
     * look, too loosely to reorder an answer.)
     */
    int precision(Candidate candidate) {
        return candidate.counts() ? 2 : candidate.states().contains(Kind.AMOUNT) && measured()
                || candidate.states().contains(Kind.CONSEQUENCE) ? 1 : 0;
    }

    /**
     * How precisely the candidate states what the question asks for, against the other sentences of its passage:
     * {@link #precision}, and of two sentences as precise, one naming a setting asked for is the more precise ("Every
     * setting is an environment variable" names none). Against another passage's sentences a setting's look says too
     * little: it may be another thing's setting ("the cache folder").
     */
    int precisionInPassage(Candidate candidate) {
        return 2 * precision(candidate) + (kinds.contains(Kind.SETTING) && candidate.states().contains(Kind.SETTING)
                ? 1 : 0);
    }

    /**
     * Whether the candidate states a place, a setting, a response or what a thing is, as the question asks: kinds whose
     * look ("in the cache folder", "GLASSBOX_PORT", "answers 503", "Glassbox is an …") tells a sentence that answers from one on the same theme that
     * does not, as a number of the unit asked for does ({@link #precision}).
     */
    boolean pinpoints(Candidate candidate) {
        return candidate.states().stream().anyMatch(k -> k == Kind.PLACE || k == Kind.SETTING || k == Kind.RESPONSE
                || k == Kind.DEFINITION);
    }

    /** The most precise {@link #rank}. */
    static final int PRECISEST = 3;

    /**
     * How precisely the candidate states any of what the question asks for: {@link #precision} above 0, or
     * 1 when it states any kind asked for ({@link #answers}), else 0.
     */
    int rank(Candidate candidate) {
        int precision = precision(candidate);
        return precision > 0 ? precision + 1 : answers(candidate) != null ? 1 : 0;
    }

    /** What the candidate states of what the question asks for, in words. */
    String what(Candidate candidate) {
        return qualified(candidate.quotable().whole(), candidate.terms()) ? Kind.AMOUNT.what + " (" + Measures.describe(measures)
                + ") for what the question names" : candidate.counts() ? "the number of what the question asks about"
                : candidate.states().contains(Kind.AMOUNT) && (measured() || answers(candidate) == Kind.AMOUNT)
                ? Kind.AMOUNT.what + " (" + Measures.describe(measures) + ")"
                : candidate.states().contains(Kind.CONSEQUENCE) ? Kind.CONSEQUENCE.what : answers(candidate).what;
    }

    /** Whether the amount asked for has a unit (a price, a duration, a size), not just any number. */
    boolean measured() {
        return amount != null && !amount.pattern().equals(DIGIT.pattern());
    }

    /** What stating any of those kinds adds to a sentence's score, once (an amount is weighed apart, as {@link SentenceScorer#AMOUNT}). */
    double bonus(Set<Kind> stated) {
        return stated.stream().anyMatch(k -> k != Kind.AMOUNT) ? WEIGHT : 0;
    }

    /** How many names the sentence gives that the question does not. */
    private int names(String sentence) {
        Set<String> names = new HashSet<>();
        Matcher name = NAMED.matcher(sentence);
        String lower = question.toLowerCase(Locale.ROOT);
        while (name.find()) {
            if (!lower.contains(name.group().toLowerCase(Locale.ROOT))) {
                names.add(name.group());
            }
        }
        return names.size();
    }
}

package dev.glassbox.server.local.understanding;

import dev.glassbox.server.local.knowledge.KnowledgeIndex;
import dev.glassbox.server.local.knowledge.Lexicon;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a message only greets: "hi", "yo", "g'day mate", "good evening!", "hey there, how's it going?", also as
 * chat types them, drawn out ("heyyy", "hellooo") or misspelt ("helo", "hellow", "mornin"), with emoji around.
 */
final class Greetings {
    private Greetings() {
    }

    /** Whether the lower-case message is greetings and whom they greet, and nothing else. */
    static boolean only(String lower) {
        Matcher word = WORD.matcher(lower);
        StringBuilder read = new StringBuilder(lower.length());
        int end = 0;
        while (word.find()) {
            read.append(lower, end, word.start()).append(asWritten(word.group()));
            end = word.end();
        }
        return GREETING.matcher(read.append(lower.substring(end))).matches();
    }

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** Greeting words, each as the regex below spells it, that chat draws out or misspells. */
    private static final List<String> WORDS = List.of("hello", "hey", "hiya", "heya", "howdy", "greetings", "morning",
            "evening", "afternoon", "hallo", "hullo", "hola", "bonjour", "salut", "ciao", "namaste", "aloha", "yo",
            "sup", "wassup", "wazzup", "good", "hi", "ay");
    /** The shortest greeting a misspelling is read as: shorter ones are too like other words. */
    private static final int SHORTEST_MISSPELT = 4;

    /**
     * The greeting word a word of chat stands for, else the word: "heyyy" for "hey", "helo" for "hello", but an
     * English word ("help", "hell") stays itself.
     */
    private static String asWritten(String word) {
        if (WORDS.contains(word) || Lexicon.whole(word)) {
            return word;
        }
        String single = word.replaceAll("(\\p{L})\\1+", "$1");
        for (String greeting : WORDS) {
            String greetingSingle = greeting.replaceAll("(\\p{L})\\1+", "$1");
            if (single.equals(greetingSingle) || greetingSingle.length() >= SHORTEST_MISSPELT
                    && KnowledgeIndex.withinOneEdit(single, greetingSingle)) {
                return greeting;
            }
        }
        return word;
    }

    /** One greeting or "how are you", and whom it greets ("there", "mate", a name, "to you") at most. */
    private static final String GREETS = "(?:hi|hello|hey|heya|hiya|hai|heyo|howdy|hallo|hullo|ello|hola|bonjour|salut"
            + "|ciao|namaste|aloha|ahoy|yo|ayo|ay|oi|oy|greetings|salutations|sup|wassup|wazzup|whaddup|g'?day|gm"
            + "|(?:is )?(?:any ?one|any ?body|some ?one|some ?body) (?:there|home|around|here)"
            + "|(?:good\\s+)?(?:morning|mornin'?|afternoon|evening|evenin'?)|good day|top of the morning"
            + "|how(?:'s| is| are| r) (?:you|u|ya|it going|things|everything|life)(?: doing| going)?|how do you do"
            + "|how(?:'s| is) it hanging|what'?s (?:up|good|happening|cracking)|wh?at'?s new|nice to meet you)"
            + "(?:\\W+(?:there|all|everyone|everybody|folks|people|glassbox|agent|bot|robot|assistant|ai|friend"
            + "|my friend|mate|buddy|bud|pal|partner|team|y'?all|ya'll|you|ya|to you|today|again|guys|dude|bro|fam|man"
            + "|chief|boss|sir|madam|ma'am))*";
    /** Greetings and nothing else ("Hello there, good morning!"), emoji and marks around them, are not a question. */
    private static final Pattern GREETING = Pattern.compile("\\W*" + GREETS + "(?:\\W+(?:and\\s+)?" + GREETS + ")*\\W*",
            Pattern.CASE_INSENSITIVE);

}

package dev.glassbox.server.local.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a passage into the pieces an answer may quote: whole list items, sentences, and the clauses of
 * sentences too long to read (split at their semicolons). A piece still too long is embedded and scored
 * by its first {@link Excerpt#CAP_WORDS} words, but kept whole too, so that the answer can quote the part
 * that holds what the question asks ({@link Excerpt}). A passage that has none (only a code block or very
 * short items) offers its lines instead. Each row of a Markdown table is a piece of its own ({@link Row}), quoted
 * only by the cell the question asks for.
 */
public final class Quotables {
    /** A sentence longer than this is split into its clauses. */
    static final int LONG_WORDS = 40;
    private static final int MIN_WORDS = 4;
    private static final int MIN_ITEM_WORDS = 3;
    /**
     * Where a sentence ends: before a capital, a digit, a quote, a bracket, code, a path ("/metrics is …") or a name
     * written in lower case with a capital or a digit after a hyphen ("all-MiniLM-L6-v2 was chosen …").
     */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9\"'(\\[`*/]|[a-z]+-[\\w-]*"
            + "[A-Z0-9])");
    private static final Pattern CLAUSE_END = Pattern.compile("(?<=;)\\s+");
    /** A piece counts as quoted when the answer holds this many of its leading characters (or all, if fewer). */
    private static final int QUOTED_PREFIX = 50;
    /**
     * What does not say what a piece itself does: brackets, and relative clauses (", after which questions get …"),
     * whose verb leaves the piece without one of its own ("The daily budget (…), after which …" is no sentence).
     */
    private static final Pattern RELATIVE = Pattern.compile("\\([^()]*\\)|,\\s+(?:[\\p{L}-]+\\s+){0,2}?(?:which|who|"
            + "whom|whose|where)\\b[^,;]*");
    /** Where a long sentence's excerpt may start: after a word ending in a comma, semicolon or colon. */
    private static final Pattern EXCERPT_START = Pattern.compile("[,;:]\\s+");
    /** How a line cut from the middle of a sentence starts: a plain lower-case word (not a name like deploy.yml). */
    private static final Pattern CONTINUATION = Pattern.compile("[a-z]+[\\s,;:]");
    /** A list item's label of a few words that its sentences follow. */
    private static final Pattern LABEL = Pattern.compile("^(?:[\\p{L}\\p{N}/-]+\\s){0,2}[\\p{L}\\p{N}/-]+\\.\\s+(?=[A-Z])");
    private static final Pattern LIST_MARKER = Pattern.compile("^(?:[-*+]|\\d+[.)])\\s+");
    /** Where one row of a table joined into a line ends and the next starts: "… | | …". */
    private static final Pattern ROW_BREAK = Pattern.compile("\\|\\s+\\|(?=\\s*\\S)");
    private static final Pattern SEPARATOR_CELL = Pattern.compile(":?-{3,}:?");
    private static final Pattern NUMBER_CELL = Pattern.compile("[\\d.,]+");
    /** Openers that refer back to what came before: such a sentence is not quoted without its predecessor. */
    private static final Pattern DANGLING = Pattern.compile("^(?:It|Its|It's|This|These|That|Those|They|Their|Them|"
            + "So|Then|Last|Lastly|Finally|Also|And|But|Or|Nor|However|Instead|Otherwise|Both|Either|Neither|Such|"
            + "Here|Thus|Hence|Therefore|Still|Yet|Again|Besides|Moreover|Furthermore|Likewise|Similarly|"
            + "Meanwhile|Next|Later|Afterwards|Since then|Even so|In that case|In turn|As a result|For that|"
            + "For this|To do so|That way|This way|In addition|On top of that|Each of them|None of them|One of them|"
            + "All of them|Second|Third|The same|The rest|The two|The other|The latter|The former|Once it|Until then|"
            // "Beyond these, …", "Past that limit …": a preposition before what the sentence before named.
            + "(?:Beyond|Past|Above|Below|Over|Under|After|Before|Besides|Within|Without|With|Of|Despite|Unlike|"
            + "Apart from|Except for|Because of|Instead of) (?:it|them|this|that|these|those))\\b"
            // A consequence ("… therefore cannot …") is worth quoting only with its cause, said just before.
            + "|^.{0,120}\\b(?:therefore|thus|hence|consequently)\\b");
    /** A clause's leading "and", which only joined it to the clause before. */
    private static final Pattern LEADING_AND = Pattern.compile("^and\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'-]*");
    /** Forms of be, have and do, modals, and verbs common in the knowledge base that end in neither -s nor -ed. */
    private static final Set<String> VERBS = Set.of("is", "are", "was", "were", "be", "been", "am", "has", "have",
            "had", "do", "does", "did", "can", "cannot", "could", "will", "would", "may", "might", "must", "shall",
            "should", "isn't", "aren't", "doesn't", "don't", "didn't", "can't", "won't", "it's", "that's",
            "there's", "cut", "run", "ran", "get", "got", "set", "put", "keep", "kept", "make", "made", "take",
            "took", "stay", "show", "need", "use", "start", "stop", "send", "sent", "give", "gave", "find", "found",
            "hold", "held", "let", "read", "write", "wrote", "built", "build", "open", "pay", "paid", "say", "said",
            "lose", "lost", "leave", "left", "mean", "meant", "know", "knew", "go", "went", "come", "came", "fail",
            "answer", "ask", "check", "serve", "return", "reach", "call", "add", "cost", "predate", "see", "saw");
    /** Words after which a word ending in -s or -ed is a noun or an adjective rather than a verb. */
    private static final Set<String> NOT_BEFORE_VERB = Set.of("the", "a", "an", "its", "their", "his", "her", "our",
            "your", "my", "each", "every", "all", "any", "some", "no", "of", "for", "with", "to", "in", "on", "at",
            "by", "from", "per", "as", "both", "either", "two", "three", "four", "five", "many", "few", "more",
            "most", "other", "such", "into", "over", "under", "between", "about");
    private static final Pattern INFLECTED = Pattern.compile(".{2,}(?:[^su']s|es|ed)");

    /**
     * A piece of a passage.
     *
     * @param text what is embedded and scored: the piece, cut to {@link Excerpt#CAP_WORDS} words
     * @param whole the piece uncut
     * @param position its place in the passage, from 0
     * @param dangling whether it starts by referring to the piece before it
     * @param fallback whether it is a line of a table or code block rather than prose
     * @param joint for a piece without a verb ("a CloudWatch alarm on the day's model spend"), how it joins the
     *     piece before it: "; " after the clause it was cut from, " " after a sentence; null for a piece that
     *     stands on its own. Such a piece is dangling, and quoted joined to the piece before it; it is kept a
     *     piece of its own so that it is found by what it says.
     * @param opens whether it starts a list item or a line of a table or code: it does not read on from the piece
     *     before it, the list's previous item, which says something else
     * @param row the table row it is, else null
     */
    public record Quotable(String text, String whole, int position, boolean dangling, boolean fallback, String joint,
                    boolean opens, Row row) {
        /** Its length in the answer, once cut. */
        public int words() {
            return text.split("\\s+").length;
        }

        /**
         * Where the answer first quotes this piece, or -1: where it holds the leading {@link #QUOTED_PREFIX}
         * characters of the piece as an answer quotes it, a table row by any one cell ({@link Row#sentence}), a
         * long sentence from its start or from any comma, semicolon or colon where {@link Excerpt} may start it.
         */
        public int quotedAt(String answer) {
            List<String> quotes = new ArrayList<>();
            if (row != null) {
                for (int i = 0; i < row.cells().size(); i++) {
                    quotes.add(row.sentence(i));
                }
            } else {
                quotes.add(whole);
                Matcher cut = EXCERPT_START.matcher(whole);
                while (whole.split("\\s+").length > Excerpt.CAP_WORDS && cut.find()) {
                    quotes.add("… " + whole.substring(cut.end()));
                }
            }
            int first = -1;
            for (String quote : quotes) {
                int at = answer.indexOf(quote.substring(0, Math.min(QUOTED_PREFIX, quote.length())));
                if (at >= 0 && (first < 0 || at < first)) {
                    first = at;
                }
            }
            return first;
        }
    }

    private Quotables() {
    }

    /**
     * A row of a Markdown table: what names it (its first cells, up to the first that is not a number, each number
     * with its column's name: "round 3, Glassbox"), and its other cells with their columns' names.
     */
    public record Row(String name, List<String> columns, List<String> cells) {
        /** The row as one sentence-like line: "repeated resumes: rate_limited (local server); – (local API Gateway)". */
        String whole() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                parts.add(cell(i));
            }
            return name + ": " + String.join("; ", parts) + ".";
        }

        /** One cell with its column's name: "rate_limited (local server)". */
        public String cell(int i) {
            return cells.get(i) + " (" + columns.get(i) + ")";
        }

        /** The row's fact in one cell: "Repeated resumes: rate_limited (local server)." */
        public String sentence(int i) {
            return Character.toUpperCase(name.charAt(0)) + name.substring(1) + ": " + cell(i) + ".";
        }
    }

    /**
     * A piece of prose; {@code clause} whether it was cut from a sentence at a semicolon, {@code opens} whether it
     * starts a list item.
     */
    private record Part(String text, boolean clause, boolean opens) {
    }

    public static List<Quotable> of(String passageText) {
        List<Part> prose = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        boolean inCode = false;
        boolean continued = false;
        // The chunker cuts a paragraph too long for one passage into lines of sentences or clauses: a line
        // that opens with a word in lower case continues the line before it, and is read together with it.
        StringBuilder paragraph = new StringBuilder();
        StringBuilder table = new StringBuilder();
        List<String> tables = new ArrayList<>();
        for (String raw : passageText.split("\n")) {
            String line = raw.strip();
            boolean continues = !inCode && CONTINUATION.matcher(line).lookingAt();
            // The chunker joins a table's lines into one and may cut it at a semicolon inside a cell: a line with
            // cells, or one that continues such a line, is table text.
            boolean cells = !inCode && line.chars().filter(c -> c == '|').count() >= 2;
            if (cells || !table.isEmpty() && continues) {
                table.append(table.isEmpty() ? "" : " ").append(line);
                continue;
            }
            tables.add(table.toString());
            table.setLength(0);
            if (!continues) {
                flush(paragraph, prose);
            }
            if (line.startsWith("```") || line.startsWith("~~~")) {
                inCode = !inCode;
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            if (inCode) {
                lines.add("`" + line.replace("`", "") + "`");
            } else if (LIST_MARKER.matcher(line).find()) {
                // "- Listen address. The server listens on …": the label is no sentence.
                String item = LABEL.matcher(LIST_MARKER.matcher(line).replaceFirst("")).replaceFirst("");
                if (item.split("\\s+").length <= LONG_WORDS) {
                    if (item.split("\\s+").length >= MIN_ITEM_WORDS) {
                        prose.add(new Part(item, false, true));
                    } else {
                        lines.add(item);
                    }
                } else {
                    sentences(item, prose, true);
                }
            } else {
                // A passage that opens in lower case was cut from a paragraph mid-sentence: its first piece
                // continues a sentence this passage does not have.
                continued |= prose.isEmpty() && paragraph.isEmpty() && continues;
                paragraph.append(paragraph.isEmpty() ? "" : " ").append(line);
            }
        }
        flush(paragraph, prose);
        tables.add(table.toString());
        List<Row> rows = tables.stream().flatMap(t -> rows(t).stream()).toList();
        if (prose.isEmpty() && rows.isEmpty()) {
            // A table cut from its header, alone in its passage: its text is all there is to quote.
            tables.stream().filter(t -> !t.isBlank()).map(Quotables::cells).forEach(lines::add);
        }
        List<Quotable> quotables = new ArrayList<>();
        List<Part> chosen = prose.isEmpty() ? lines.stream().map(line -> new Part(line, false, true)).toList()
                : prose;
        for (int i = 0; i < chosen.size(); i++) {
            Part part = chosen.get(i);
            String text = part.text();
            String joint = prose.isEmpty() || i == 0 || hasVerb(text) ? null : part.clause() ? "; " : " ";
            boolean dangling = !prose.isEmpty() && (DANGLING.matcher(text).find() || joint != null
                    || i == 0 && (continued || !hasVerb(text)));
            quotables.add(new Quotable(Excerpt.start(text), text, i, dangling, prose.isEmpty(), joint,
                    part.opens(), null));
        }
        for (Row row : rows) {
            quotables.add(new Quotable(Excerpt.start(row.whole()), row.whole(), quotables.size(), false, true, null,
                    true, row));
        }
        return quotables;
    }

    private static void flush(StringBuilder paragraph, List<Part> prose) {
        if (!paragraph.isEmpty()) {
            sentences(paragraph.toString(), prose, false);
            paragraph.setLength(0);
        }
    }

    /**
     * Cuts a block into sentences, and a long sentence into its clauses, but never so that a piece is no
     * sentence: not inside brackets or quotes, and a sentence without a verb stays with the one before it.
     * A clause without a verb stays a piece of its own, to be quoted only joined to the one before it. The
     * first piece of a list item ({@code item}) opens it.
     */
    private static void sentences(String block, List<Part> out, boolean item) {
        int first = item ? out.size() : -1;
        for (String trimmed : whole(List.of(SENTENCE_END.split(block)), true)) {
            if (words(trimmed) <= LONG_WORDS || !trimmed.contains("; ")) {
                out.add(new Part(trimmed, false, out.size() == first));
                continue;
            }
            List<String> clauses = whole(List.of(CLAUSE_END.split(trimmed)), false);
            for (int c = 0; c < clauses.size(); c++) {
                String text = LEADING_AND.matcher(clauses.get(c)).replaceFirst("");
                if (text.endsWith(";")) {
                    text = text.substring(0, text.length() - 1) + ".";
                }
                out.add(new Part(Character.toUpperCase(text.charAt(0)) + text.substring(1), c > 0,
                        out.size() == first));
            }
        }
    }

    /**
     * The pieces of a cut text, re-joined where the cut made no sentence: a piece that leaves a bracket or
     * quote open takes the next ones until it closes; pieces too short to say anything (a list item's
     * label, "DNS rebinding.") are dropped; a question joins the sentence that answers it; with
     * {@code joinVerbless}, a piece without a verb joins the one before it (the first one, the one after
     * it); and what never closes its brackets is dropped.
     */
    private static List<String> whole(List<String> pieces, boolean joinVerbless) {
        List<String> closed = new ArrayList<>();
        for (String piece : pieces) {
            int last = closed.size() - 1;
            if (last >= 0 && !balanced(closed.get(last))) {
                closed.set(last, closed.get(last) + " " + piece.strip());
            } else if (!piece.isBlank()) {
                closed.add(piece.strip());
            }
        }
        List<String> joined = new ArrayList<>();
        for (String piece : closed) {
            int last = joined.size() - 1;
            if (words(piece) < MIN_WORDS) {
                continue;
            }
            if (last >= 0 && (joined.get(last).endsWith("?")
                    || joinVerbless && (!hasVerb(piece) || !hasVerb(joined.get(last))))) {
                joined.set(last, joined.get(last) + " " + piece);
            } else {
                joined.add(piece);
            }
        }
        // What still leaves a bracket open was cut from the rest of its sentence by the chunker: no sentence.
        joined.removeIf(piece -> !balanced(piece));
        return joined;
    }

    /** Whether every bracket and quote the text opens, it closes. */
    static boolean balanced(String text) {
        int round = 0;
        int square = 0;
        int quotes = 0;
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '(' -> round++;
                case ')' -> round--;
                case '[' -> square++;
                case ']' -> square--;
                case '"', '\u201C', '\u201D' -> quotes++;
                default -> {
                    // other characters do not nest
                }
            }
        }
        return round == 0 && square == 0 && quotes % 2 == 0;
    }

    /**
     * Whether the text says what its own subject does: it has a verb outside its brackets and relative clauses. "The
     * daily budget (…), after which questions get budget_exhausted" has a verb, but none of its own.
     */
    public static boolean hasOwnVerb(String piece) {
        return hasVerb(RELATIVE.matcher(piece).replaceAll(""));
    }

    /**
     * Whether the text has a verb, by a cheap heuristic: a form of be, have or do, a modal, a verb of a
     * short list, or a word ending in -s or -ed that no article, possessive, preposition or number comes
     * right before ("the passages" is no verb, "the server listens" is).
     */
    public static boolean hasVerb(String piece) {
        Matcher word = WORD.matcher(piece);
        String before = "";
        while (word.find()) {
            String w = word.group();
            String lower = w.toLowerCase(Locale.ROOT);
            if (VERBS.contains(lower) || !before.isEmpty() && Character.isLowerCase(w.charAt(0))
                    && INFLECTED.matcher(lower).matches() && !NOT_BEFORE_VERB.contains(before)
                    && !Character.isDigit(before.charAt(before.length() - 1))) {
                return true;
            }
            before = lower;
        }
        return false;
    }

    private static int words(String text) {
        return text.split("\\s+").length;
    }

    /**
     * The whole rows of a table's text, whose rows the chunker joined with a space ("| a | b | | c | d |"): a
     * row the chunker cut (its cells do not number the header's, or most rows') is left out, and so are the
     * header and the separator, which name the columns.
     */
    static List<Row> rows(String table) {
        if (table.isBlank()) {
            return List.of();
        }
        List<List<String>> all = new ArrayList<>();
        for (String row : ROW_BREAK.split(table.strip())) {
            List<String> cells = new ArrayList<>();
            for (String cell : row.replaceAll("^\\|", "").replaceAll("\\|$", "").split("\\|", -1)) {
                cells.add(cell.strip());
            }
            all.add(cells);
        }
        List<String> header = List.of();
        int width = 0;
        for (int i = 1; i < all.size(); i++) {
            if (all.get(i).stream().allMatch(c -> SEPARATOR_CELL.matcher(c).matches())) {
                header = all.get(i - 1);
                width = header.size();
            }
        }
        List<Row> rows = new ArrayList<>();
        for (List<String> cells : all) {
            // Without its columns' names (no header: the chunker left it in the section's earlier passage) a row's
            // cells say little: such rows are left out.
            if (cells.size() != width || width < 2 || cells == header
                    || cells.stream().allMatch(c -> SEPARATOR_CELL.matcher(c).matches())) {
                continue;
            }
            int named = 1;
            while (named < width - 1 && NUMBER_CELL.matcher(cells.get(named - 1)).matches()) {
                named++;
            }
            List<String> name = new ArrayList<>();
            for (int c = 0; c < named; c++) {
                String cell = cells.get(c);
                name.add(NUMBER_CELL.matcher(cell).matches() ? header.get(c) + " " + cell : cell);
            }
            rows.add(new Row(String.join(", ", name), List.copyOf(header.subList(named, width)),
                    List.copyOf(cells.subList(named, width))));
        }
        return rows;
    }

    /** "| Nova Lite | $0.06 |" reads as "Nova Lite, $0.06". */
    private static String cells(String table) {
        List<String> cells = new ArrayList<>();
        for (String cell : table.split("\\|")) {
            if (!cell.isBlank()) {
                cells.add(cell.strip());
            }
        }
        return String.join(", ", cells);
    }
}

package dev.glassbox.core.rag;

import dev.glassbox.core.agent.ConversationTurn;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.TraceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a generating model answers from: the instructions, the conversation's last turns as earlier
 * messages, and the numbered passages with the question, so that its answer is grounded in them and
 * cites them as {@code [n]}, which {@link CitationMarkers} checks against {@link #passagesSent()}.
 * Passages go whole, best first, while they fit {@link #PASSAGE_TOKENS}; the one that does not fit is
 * cut, and the rest are left out. Tokens are estimated at {@value #CHARS_PER_TOKEN} characters each.
 */
public final class GroundedPrompt {
    public static final String SYSTEM = "You are Glassbox, an agent that answers questions about the Glassbox "
            + "project. Answer only from the numbered passages you are given with the question. After each sentence "
            + "that uses a passage, cite it by its number in square brackets, like [1]. If the passages do not "
            + "answer the question, say that you do not know instead of guessing. Earlier messages are the "
            + "conversation so far: use them to understand a follow-up question, not as a source. Answer concisely, "
            + "in Markdown.";
    /** The passages' share of the prompt, in estimated tokens. */
    public static final int PASSAGE_TOKENS = 3_000;
    /** Earlier turns sent as messages, newest last. */
    public static final int HISTORY_TURNS = 3;
    /** An earlier answer is sent cut to this many characters: enough to resolve "it" or "why". */
    public static final int HISTORY_ANSWER_CHARS = 1_500;
    static final int CHARS_PER_TOKEN = 4;
    /** A passage cut shorter than this says too little to be worth sending. */
    private static final int MIN_CUT_CHARS = 400;
    private static final Pattern MARKERS = Pattern.compile("\\s*\\[\\d{1,3}]");

    /** A retrieved passage: how the trace shows it, and its whole text. */
    public record Source(Reference reference, String text) {
    }

    /** An earlier message of the conversation. */
    public record Message(boolean fromVisitor, String text) {
    }

    private final List<Message> history;
    private final String passages;
    private final String question;
    private final List<Reference> sent;

    private GroundedPrompt(List<Message> history, String passages, String question, List<Reference> sent) {
        this.history = history;
        this.passages = passages;
        this.question = question;
        this.sent = sent;
    }

    public static GroundedPrompt of(String question, List<Source> sources, List<ConversationTurn> turns) {
        StringBuilder text = new StringBuilder();
        List<Reference> sent = new ArrayList<>();
        int budget = PASSAGE_TOKENS * CHARS_PER_TOKEN;
        for (Source source : sources) {
            String body = source.text();
            if (body.length() > budget) {
                if (budget < MIN_CUT_CHARS) {
                    break;
                }
                body = cut(body, budget);
            }
            budget -= body.length();
            sent.add(source.reference());
            text.append('[').append(sent.size()).append("] ").append(source.reference().source());
            if (source.reference().title() != null) {
                text.append(" — ").append(source.reference().title());
            }
            text.append('\n').append(body).append("\n\n");
        }
        String passages = sent.isEmpty() ? "No passages were found for this question.\n\n"
                : "Passages:\n\n" + text;
        List<Message> history = new ArrayList<>();
        for (ConversationTurn turn : turns.subList(Math.max(0, turns.size() - HISTORY_TURNS), turns.size())) {
            history.add(new Message(true, turn.question()));
            history.add(new Message(false, cut(MARKERS.matcher(turn.answer()).replaceAll(""), HISTORY_ANSWER_CHARS)));
        }
        return new GroundedPrompt(List.copyOf(history), passages, question, List.copyOf(sent));
    }

    /** The earlier turns, oldest first, the visitor's and the agent's alternating; their markers removed. */
    public List<Message> history() {
        return history;
    }

    /** The numbered passages, the first part of the last user message. */
    public String passages() {
        return passages;
    }

    /** The question, the last part of the last user message. */
    public String question() {
        return "Question: " + question;
    }

    /** The last user message whole: the passages, then the question. */
    public String userMessage() {
        return passages + question();
    }

    /** The passages in the prompt, in the order they are numbered from 1. */
    public List<Reference> passagesSent() {
        return sent;
    }

    /** The prompt's size in estimated tokens, for the trace. */
    public int estimatedTokens() {
        int chars = SYSTEM.length() + userMessage().length();
        for (Message message : history) {
            chars += message.text().length();
        }
        return chars / CHARS_PER_TOKEN;
    }

    /**
     * The model step with what this prompt sent: passages, earlier turns, its estimated size, and how
     * many of the answer's {@code [n]} markers named no passage sent and were dropped.
     */
    public TraceStep describe(TraceStep model, CitationMarkers markers) {
        return model.withDetail("passagesSent", sent.size())
                .withDetail("earlierTurns", history.size() / 2)
                .withDetail("promptTokensEstimated", estimatedTokens())
                .withDetail("invalidCitationsDropped", markers.dropped());
    }

    /** The text cut at a word boundary to at most {@code max} characters, marked with an ellipsis. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = text.lastIndexOf(' ', max - 1);
        if (end < max / 2) {
            end = max - 1;
        }
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}

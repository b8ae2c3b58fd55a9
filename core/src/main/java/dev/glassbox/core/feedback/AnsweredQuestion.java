package dev.glassbox.core.feedback;

import java.util.List;

/**
 * What a finished answer said, kept so that feedback on it can be recorded with it, and so that a
 * declined question reaches the report.
 *
 * @param sources the files the answer cited, in citation order, without repeats
 * @param declined whether the agent declined to answer (a {@code decline} step or a guardrail stop)
 */
public record AnsweredQuestion(String sessionId, String answerId, String question, String answer,
                               List<String> sources, boolean declined) {
    /** Longer answers are cut when kept: the report needs what was said, not all of it. */
    public static final int MAX_ANSWER_CHARS = 4_000;

    public AnsweredQuestion {
        sources = List.copyOf(sources);
        if (answer.length() > MAX_ANSWER_CHARS) {
            answer = answer.substring(0, MAX_ANSWER_CHARS) + "…";
        }
    }
}

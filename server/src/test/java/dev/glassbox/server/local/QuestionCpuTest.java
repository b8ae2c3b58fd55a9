package dev.glassbox.server.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.server.local.knowledge.RepositoryKnowledge;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Red team: a question at the protocol's 4,000-character limit, written to make planning work hard, costs the
 * local agent at most a few times the CPU of a usual question, so one address within its rate limits cannot keep
 * a core busy. CPU is counted over every thread of the JVM (ThreadMXBean), not by the clock, so a busy machine
 * does not decide the outcome.
 */
class QuestionCpuTest {
    @AutoClose
    private static final RepositoryKnowledge REPOSITORY = RepositoryKnowledge.start();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** How many usual questions the costliest hostile one may cost; on the uncapped agent it was eight. */
    private static final int TIMES = 5;
    /**
     * What any question may cost, however cheap the usual ones ran: in a JVM warmed by other tests a usual question
     * took 8 ms. Uncapped, random words took about 200 ms and 60-letter words seconds.
     */
    private static final long FLOOR_NANOS = 100_000_000;

    private final LocalAgentBackend agent = new LocalAgentBackend(REPOSITORY.vertx(), REPOSITORY.knowledge(), 0);
    private int asked;

    @Test
    void aHostileQuestionCostsAtMostAFewUsualOnes() throws Exception {
        List<String> usual = List.of("How much does an answer cost with Nova Lite?",
                "How do I run Glassbox locally and which port does it use?",
                "Why does Glassbox use WebSockets rather than server-sent events?",
                "What rate limits apply to a visitor?");
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put("one short word repeated", limit("AB "));
        hostile.put("random words", randomWords(5, 4_000));
        hostile.put("long random words", randomWords(60, 4_000));
        hostile.put("addresses", limit("http://example.com/a1/b2?c=3 "));
        hostile.put("one word of many parts", limit("ab-"));
        hostile.put("random words, just within the word limit",
                randomWords(5, LocalAgentBackend.MAX_WORDS * 6 - 1));
        hostile.put("long random words, just within the word limit",
                randomWords(60, LocalAgentBackend.MAX_WORDS * 61 - 1));
        for (int round = 0; round < 2; round++) { // the first round warms up the JIT
            for (String question : usual) {
                cpuOf(question);
            }
            hostile.values().forEach(this::cpuOf);
        }
        long costliestUsual = usual.stream().mapToLong(this::cpuOf).max().orElseThrow();
        List<String> tooCostly = new ArrayList<>();
        hostile.forEach((what, question) -> {
            long cpu = cpuOf(question);
            if (cpu > Math.max(TIMES * costliestUsual, FLOOR_NANOS)) {
                tooCostly.add(what + ": " + cpu / 1_000_000 + " ms");
            }
        });
        assertThat(failed).as("questions that failed, not answered or refused as too large").isEmpty();
        assertThat(tooCostly).as("questions costing over %d times the costliest usual one (%d ms) and over %d ms",
                TIMES, costliestUsual / 1_000_000, FLOOR_NANOS / 1_000_000).isEmpty();
    }

    @Test
    void aQuestionOverTheWordLimitIsRefusedWithTheLimit() throws Exception {
        Outcome refused = ask(randomWords(5, LocalAgentBackend.MAX_WORDS * 6 + 11));
        assertThat(refused.failure.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(refused.failure.message()).isEqualTo("The question has more than "
                + LocalAgentBackend.MAX_WORDS + " words, the most the local agent reads; please ask in fewer words.");
        assertThat(LocalAgentBackend.words("知識庫は何ですか")).as("each Chinese or Japanese character").isEqualTo(8);
    }

    /** CPU that every thread of the JVM spent while the agent answered {@code question} (a fresh variant of it). */
    private final List<String> failed = new ArrayList<>();

    private long cpuOf(String question) {
        // A different first word each time, so no cached embedding makes a repeat cheap.
        String fresh = "q" + asked++ + question.substring(Math.min(3, question.length()));
        long before = totalCpu();
        try {
            Outcome outcome = ask(fresh);
            if (outcome.failure != null && outcome.failure.code() != ErrorCode.TOO_LARGE) {
                failed.add(outcome.failure.code() + ": " + fresh.substring(0, Math.min(40, fresh.length())));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return totalCpu() - before;
    }

    private static long totalCpu() {
        return Arrays.stream(THREADS.getAllThreadIds()).map(THREADS::getThreadCpuTime).filter(t -> t > 0).sum();
    }

    private Outcome ask(String question) throws Exception {
        CompletableFuture<Outcome> ended = new CompletableFuture<>();
        agent.answer(new AgentRequest("q" + asked, "s-cpu", question, List.of()), new AgentListener() {
            @Override
            public void onText(String delta) {
            }

            @Override
            public void onTrace(TraceStep step) {
            }

            @Override
            public void onCitation(Citation citation) {
            }

            @Override
            public void onUsage(Usage usage) {
            }

            @Override
            public void onComplete(StopReason reason) {
                ended.complete(new Outcome(null));
            }

            @Override
            public void onFailure(AgentFailure failure) {
                ended.complete(new Outcome(failure));
            }
        });
        return ended.get(60, TimeUnit.SECONDS);
    }

    private record Outcome(AgentFailure failure) {
    }

    /** {@code piece} repeated to the protocol's 4,000 characters. */
    private static String limit(String piece) {
        return piece.repeat(4_000 / piece.length()).strip();
    }

    private static String randomWords(int letters, int characters) {
        Random random = new Random(letters * 31L + characters);
        StringBuilder text = new StringBuilder();
        while (text.length() + letters + 1 <= characters) {
            for (int i = 0; i < letters; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append(' ');
        }
        return text.toString().strip();
    }
}

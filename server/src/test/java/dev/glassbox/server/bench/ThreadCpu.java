package dev.glassbox.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time of this JVM's Java threads, summed by what the threads do (told by their names), so a benchmark
 * can say where the CPU it measured went. The JVM's own threads (garbage collection, the JIT compilers) are not
 * Java threads: what they used is the process's CPU time minus these sums, as is what threads that ended used.
 */
final class ThreadCpu {
    /** Thread name prefix → what such threads do; any other Java thread counts as {@link #OTHER}. */
    private static final Map<String, String> WORK = Map.of(
            "glassbox-planner", "planning answers",
            "glassbox-embed", "embedding questions",
            "vert.x-eventloop", "event loops (server and clients)");
    private static final String OTHER = "other Java threads";

    private ThreadCpu() {
    }

    /** CPU seconds per kind of work, summed over the Java threads alive now. */
    static Map<String, Double> byWork() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> byWork = new LinkedHashMap<>();
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = thread == null ? -1 : threads.getThreadCpuTime(thread.getThreadId());
            if (nanos < 0) {
                continue; // ended since it was listed
            }
            String work = WORK.entrySet().stream().filter(w -> thread.getThreadName().startsWith(w.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(OTHER);
            byWork.merge(work, nanos / 1e9, Double::sum);
        }
        return byWork;
    }
}

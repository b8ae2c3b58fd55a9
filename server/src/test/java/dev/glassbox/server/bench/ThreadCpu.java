package dev.glassbox.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CPU time of this JVM's Java threads since a snapshot, summed by what the threads do (told by their names),
 * so a benchmark can say where the CPU it measured went. The JVM's own threads (garbage collection, the JIT
 * compilers) are not Java threads: what they used is the process's CPU time minus these sums, as is what threads
 * that ended since the snapshot used (a pool's idle threads end after a while; what they had used before the
 * snapshot must not be taken off the threads that remain).
 */
final class ThreadCpu {
    /** Thread name prefix → what such threads do; any other Java thread counts as {@link #OTHER}. */
    private static final Map<String, String> WORK = Map.of(
            "glassbox-planner", "planning answers",
            "glassbox-embed", "embedding passages (indexing; questions are embedded by the planners)",
            "vert.x-eventloop", "event loops (server and clients)");
    private static final String OTHER = "other Java threads";

    /** Each live Java thread's CPU nanoseconds, by thread id. */
    private final Map<Long, Long> nanos = new HashMap<>();
    /** The JIT compilers' time so far, in milliseconds (HotSpot counts their threads' elapsed time). */
    private long compilingMs;

    private ThreadCpu() {
    }

    /** The CPU time of every Java thread alive now. */
    static ThreadCpu snapshot() {
        ThreadCpu snapshot = new ThreadCpu();
        snapshot.compilingMs = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            if (cpu >= 0) {
                snapshot.nanos.put(id, cpu);
            }
        }
        return snapshot;
    }

    /** Seconds the JIT compilers worked since this snapshot. */
    double compilingSince() {
        return (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compilingMs) / 1e3;
    }

    /** CPU seconds per kind of work since this snapshot, summed over the Java threads alive now. */
    Map<String, Double> byWorkSince() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Double> byWork = new LinkedHashMap<>();
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            long cpu = thread == null ? -1 : threads.getThreadCpuTime(thread.getThreadId());
            if (cpu < 0) {
                continue; // ended since it was listed
            }
            String work = WORK.entrySet().stream().filter(w -> thread.getThreadName().startsWith(w.getKey()))
                    .map(Map.Entry::getValue).findFirst().orElse(OTHER);
            byWork.merge(work, (cpu - nanos.getOrDefault(thread.getThreadId(), 0L)) / 1e9, Double::sum);
        }
        return byWork;
    }
}

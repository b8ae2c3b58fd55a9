package dev.glassbox.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackgroundHandlerTest {
    private final List<String> written = Collections.synchronizedList(new ArrayList<>());
    private final List<String> writers = Collections.synchronizedList(new ArrayList<>());

    @Test
    void everyLineIsWrittenInOrderByTheWriterThreadAndFlushWaitsForThem() {
        BackgroundHandler handler = new BackgroundHandler(recording(null, null), 100);
        for (int i = 0; i < 50; i++) {
            handler.publish(new LogRecord(Level.INFO, "line " + i));
        }
        handler.flush();
        assertThat(written).containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "INFO line " + i).toList());
        assertThat(writers).containsOnly("glassbox-log-writer");
        handler.close();
    }

    @Test
    void aStuckOutputNeverHoldsUpTheThreadThatLogsLinesPastTheCapacityAreDroppedAndCounted() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch unstuck = new CountDownLatch(1);
        BackgroundHandler handler = new BackgroundHandler(recording(writing, unstuck), 10);
        handler.publish(new LogRecord(Level.INFO, "first"));
        assertThat(writing.await(60, TimeUnit.SECONDS)).as("the writer is stuck writing the first line").isTrue();

        // Would hang at the eleventh line if publishing waited for room.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 30; i++) {
                handler.publish(new LogRecord(Level.INFO, "line " + i));
            }
        });
        unstuck.countDown();
        handler.flush();

        List<String> expected = new ArrayList<>(List.of("INFO first"));
        IntStream.range(0, 10).forEach(i -> expected.add("INFO line " + i));
        expected.add("WARNING 20 log lines were dropped: they came faster than standard output took them");
        assertThat(written).containsExactlyElementsOf(expected);
        handler.close();
    }

    /** A target that records each line; the first one waits for {@code unstuck}, when given. */
    private Handler recording(CountDownLatch writing, CountDownLatch unstuck) {
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (writing != null && writing.getCount() > 0) {
                    writing.countDown();
                    try {
                        unstuck.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                writers.add(Thread.currentThread().getName());
                written.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}

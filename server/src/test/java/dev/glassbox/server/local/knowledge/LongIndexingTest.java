package dev.glassbox.server.local.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexing that outlasts Vert.x's limit for a blocking task is no blocked thread: it logs no warning a second. */
class LongIndexingTest {
    @TempDir
    Path temp;

    @Test
    void indexingLongerThanTheWorkerLimitLogsNoBlockedThreadWarnings() throws Exception {
        Path knowledge = Files.createDirectories(temp.resolve("knowledge"));
        Files.writeString(knowledge.resolve("bakery.md"), "# Bakery\n\nThe bakery sells rye bread.\n");
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger checker = Logger.getLogger("io.vertx.core.impl.BlockedThreadChecker");
        checker.addHandler(recorder);
        // A limit of 50 ms for blocking tasks stands for the 60 s a large folder outlasts: loading the model alone takes longer.
        Vertx vertx = Vertx.vertx(new VertxOptions().setMaxWorkerExecuteTime(50).setMaxWorkerExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(10));
        try {
            KnowledgeBase base = new KnowledgeBase(vertx, knowledge, Files.createDirectories(temp.resolve("cache")), 60_000,
                    1024 * 1024);
            assertThat(LocalServer.await(base.start(), Duration.ofSeconds(120)).passageCount()).isEqualTo(1);
            base.close();
        } finally {
            checker.removeHandler(recorder);
            LocalServer.await(vertx.close(), Duration.ofSeconds(10));
        }
        assertThat(warnings).extracting(LogRecord::getMessage).filteredOn(m -> m.contains("has been blocked")).isEmpty();
    }
}

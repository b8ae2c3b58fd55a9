package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A FIFO where a file was expected costs the caller the deadline, never more, and leaves no thread behind. */
class TimedFileReadTest {
    private static final long DEADLINE_MS = 300;

    @TempDir
    Path temp;

    @Test
    void aRegularFileIsReadAndOneOverTheLimitIsNot() throws Exception {
        Path file = Files.writeString(temp.resolve("a.md"), "# A");
        assertThat(new String(TimedFileRead.readAtMost(file, 3, DEADLINE_MS), StandardCharsets.UTF_8)).isEqualTo("# A");
        assertThat(TimedFileRead.readAtMost(file, 2, DEADLINE_MS)).isNull();
    }

    /** Opening a FIFO with no writer waits for one: the reader is woken, its thread ends. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoNobodyWritesEndsAtTheDeadline() throws Exception {
        Path fifo = fifo("nobody-writes.md");
        long started = System.nanoTime();

        assertThatThrownBy(() -> TimedFileRead.readAtMost(fifo, 100, DEADLINE_MS))
                .isInstanceOf(FileSystemException.class).hasMessageContaining("a FIFO or a device");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(DEADLINE_MS + 2_000);
        assertNoReaderLeft();
    }

    /** A writer that holds the FIFO open and writes nothing: the open succeeds and the read waits; it is interrupted. */
    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoWhoseWriterIsSilentEndsAtTheDeadline() throws Exception {
        Path fifo = fifo("silent-writer.md");
        try (SeekableByteChannel writer = Files.newByteChannel(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            assertThatThrownBy(() -> TimedFileRead.readAtMost(fifo, 100, DEADLINE_MS))
                    .isInstanceOf(FileSystemException.class).hasMessageContaining("within " + DEADLINE_MS + " ms");
            assertNoReaderLeft();
        }
    }

    static Path fifo(Path path) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "FIFOs are made with mkfifo on Linux");
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        return path;
    }

    private Path fifo(String name) throws Exception {
        return fifo(temp.resolve(name));
    }

    private static void assertNoReaderLeft() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (readers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readers()).as("reader threads still running").isZero();
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("glassbox-file-read")).count();
    }
}

package dev.glassbox.core.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.channels.Channels;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a file that was a regular file when it was checked, without letting the caller wait forever if it no
 * longer is. Java has no non-blocking open: opening a FIFO for reading waits until a writer comes, and reading
 * a FIFO or a device can wait as long, so a FIFO swapped in between the check and the read would hold the
 * caller (the indexing thread, a page request) for good. The read runs on a thread of its own and the caller
 * waits at most {@link #DEADLINE_MS}; a reader stuck past it is interrupted (which ends a blocked read) and, if
 * a FIFO is in the file's place, woken by opening that FIFO for a moment (which ends a blocked open). At most
 * {@link #READERS} reads run at a time, stuck ones included, so a reader that cannot be woken (a device, a FIFO
 * we may not write) costs one thread, never an unbounded number.
 */
final class TimedFileRead {
    /** Reading a regular file within the size limits (64 MB at most) takes well under a second, even from disk. */
    static final long DEADLINE_MS = 5_000;
    static final int READERS = 32;

    private static final Set<OpenOption> READ_NO_LINKS = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    /** Read and write: opening a FIFO so never waits for the other end (Linux), and counts as its writer. */
    private static final Set<OpenOption> WAKE_NO_LINKS = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final int FILE_TYPE = 0170000;
    private static final int FIFO = 0010000;
    private static final Semaphore RUNNING = new Semaphore(READERS);

    private TimedFileRead() {
    }

    /**
     * The file's content, or null when it holds more than {@code maxBytes}; never through a link. Throws a
     * {@link FileSystemException} whose reason says so when the file could not be read within the deadline.
     */
    static byte[] readAtMost(Path path, long maxBytes) throws IOException {
        return readAtMost(path, maxBytes, DEADLINE_MS);
    }

    static byte[] readAtMost(Path path, long maxBytes, long deadlineMs) throws IOException {
        long started = System.nanoTime();
        try {
            if (!RUNNING.tryAcquire(deadlineMs, TimeUnit.MILLISECONDS)) {
                throw new FileSystemException(path.toString(), null,
                        "no reader was free within " + deadlineMs + " ms: " + READERS + " earlier reads are stuck");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before reading " + path);
        }
        FutureTask<byte[]> read = new FutureTask<>(() -> readNow(path, maxBytes));
        Thread reader = new Thread(() -> {
            try {
                read.run();
            } finally {
                RUNNING.release();
            }
        }, "glassbox-file-read");
        reader.setDaemon(true);
        reader.start();
        try {
            return read.get(deadlineMs - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            stop(read, path);
            throw new FileSystemException(path.toString(), null, "nothing could be read from it within "
                    + deadlineMs + " ms; a FIFO or a device may have taken its place");
        } catch (InterruptedException e) {
            stop(read, path);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + path);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("reading " + path + " failed", failed.getCause());
        }
    }

    private static byte[] readNow(Path path, long maxBytes) throws IOException {
        try (InputStream in = Channels.newInputStream(Files.newByteChannel(path, READ_NO_LINKS))) {
            byte[] content = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            return content.length > maxBytes ? null : content;
        }
    }

    /**
     * Ends a stuck read: the interrupt closes a channel blocked in read; a reader still waiting in open for a
     * FIFO's writer is woken by being that writer for a moment. Only a FIFO is opened so: opening a device could
     * do something.
     */
    private static void stop(FutureTask<byte[]> read, Path path) {
        read.cancel(true);
        try {
            Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer bits && (bits & FILE_TYPE) == FIFO) {
                Files.newByteChannel(path, WAKE_NO_LINKS).close();
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException cannot) {
            // Not a Unix file system, gone, or not ours to open: the reader stays stuck, one of READERS.
        }
    }
}

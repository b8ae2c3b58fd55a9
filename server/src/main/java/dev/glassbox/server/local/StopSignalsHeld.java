package dev.glassbox.server.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Holds the signals that stop the JVM (TERM, INT, HUP) while a block runs, and delivers the first one
 * that arrived once the block has ended.
 *
 * <p>Why: ONNX Runtime's Java binding frees its native environment in a JVM shutdown hook, and shutdown
 * hooks run beside every other thread. A stop that arrives while {@code createSession} runs frees the
 * environment under it and the JVM dies with SIGSEGV in libonnxruntime.so instead of stopping (here 11
 * starts in 12 when a stop came during a load; the intermittent crash of issue 15, seen when tests stopped
 * servers that were still starting). Loading the model takes well under a second, so a stop waits at most
 * that long. There is no public Java API for signals; {@code sun.misc.Signal} is the supported way
 * (module jdk.unsupported).
 */
final class StopSignalsHeld {
    private static final List<String> STOPPING = List.of("TERM", "INT", "HUP");

    /** Set once a held stop has been delivered: the JVM is going down, so no new block may start. */
    private static volatile boolean stopping;

    private StopSignalsHeld() {
    }

    /**
     * Runs the block with stop signals held; one that arrived meanwhile is raised again afterwards, and
     * from then on every call is refused, since the shutdown it starts would race the next block.
     *
     * @throws IllegalStateException when a stop held by an earlier call has been delivered
     */
    static synchronized <T, E extends Exception> T during(Block<T, E> block) throws E {
        if (stopping) {
            throw new IllegalStateException("the JVM is stopping: a stop signal arrived during an earlier native call");
        }
        AtomicReference<Signal> received = new AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean delivered = new AtomicBoolean();
        // The JVM runs a signal's handler on a thread of its own, so a signal that arrived during the block may
        // reach this handler only after the block ended and the handlers were put back: then it delivers itself.
        SignalHandler hold = signal -> {
            received.compareAndSet(null, signal);
            if (ended.get()) {
                deliver(received.get(), delivered);
            }
        };
        List<Held> held = new ArrayList<>();
        for (String name : STOPPING) {
            Signal signal = new Signal(name);
            try {
                held.add(new Held(signal, Signal.handle(signal, hold)));
            } catch (IllegalArgumentException e) {
                // A signal the JVM keeps for itself (-Xrs, a debugger): it cannot be held, so it is not.
            }
        }
        try {
            return block.run();
        } finally {
            ended.set(true);
            held.forEach(h -> Signal.handle(h.signal(), h.previous()));
            Signal signal = received.get();
            if (signal != null) {
                deliver(signal, delivered);
            }
        }
    }

    /** Raises a held signal again, once, and refuses every later block. */
    private static void deliver(Signal signal, AtomicBoolean delivered) {
        if (delivered.compareAndSet(false, true)) {
            stopping = true;
            Signal.raise(signal);
        }
    }

    /** What runs with stop signals held; it may throw its own checked exception. */
    @FunctionalInterface
    interface Block<T, E extends Exception> {
        T run() throws E;
    }

    private record Held(Signal signal, SignalHandler previous) {
    }
}

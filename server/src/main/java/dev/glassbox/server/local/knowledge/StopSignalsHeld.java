package dev.glassbox.server.local.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Holds the signals that stop the JVM (TERM, INT, HUP) while blocks run, and delivers the first one that
 * arrived once no block runs any more.
 *
 * <p>Why: ONNX Runtime's Java binding frees its native environment in a JVM shutdown hook, and shutdown
 * hooks run beside every other thread. A stop that arrives while {@code createSession} runs frees the
 * environment under it and the JVM dies with SIGSEGV in libonnxruntime.so instead of stopping (here 11
 * starts in 12 when a stop came during a load; the intermittent crash of issue 15, seen when tests stopped
 * servers that were still starting). Loading the model takes well under a second, so a stop waits at most
 * that long. There is no public Java API for signals; {@code sun.misc.Signal} is the supported way
 * (module jdk.unsupported).
 *
 * <p>The holding handlers are installed at the first block and stay until a stop is delivered: putting the
 * JVM's handlers back after every block left moments in which a stop went straight to them while the next
 * block started, and a stop raised while a holding handler was still installed came back to it and was
 * lost (the JVM then never stopped: 2 stops in 30 in a loop of loads). Delivering puts the JVM's handlers
 * back first and raises the signal after, so the raised signal can only reach them.
 */
final class StopSignalsHeld {
    private static final List<String> STOPPING = List.of("TERM", "INT", "HUP");

    /** The JVM's handlers of the signals held, put back when a stop is delivered. Guarded by the class. */
    private static final Map<Signal, SignalHandler> jvmHandlers = new LinkedHashMap<>();
    private static boolean holding;
    private static int running;
    private static Signal held;
    /** Set once a stop has been delivered: the JVM is going down, so no new block may start. */
    private static boolean stopping;

    private StopSignalsHeld() {
    }

    /**
     * Runs the block with stop signals held; one that arrived meanwhile is delivered when the last running
     * block ends, and from then on every call is refused, since the shutdown it starts would race a block.
     *
     * @throws IllegalStateException when a stop has been delivered
     */
    static <T, E extends Exception> T during(Block<T, E> block) throws E {
        enter();
        try {
            return block.run();
        } finally {
            leave();
        }
    }

    private static synchronized void enter() {
        if (stopping) {
            throw new IllegalStateException("the JVM is stopping: a stop signal arrived during an earlier native call");
        }
        if (!holding) {
            hold();
        }
        running++;
    }

    private static synchronized void leave() {
        running--;
        if (running == 0 && held != null) {
            deliver(held);
        }
    }

    /** Runs on the JVM's signal thread. */
    private static synchronized void received(Signal signal) {
        if (stopping) {
            return; // a stop is already on its way to the JVM's handler
        }
        if (running > 0) {
            if (held == null) {
                held = signal;
            }
        } else {
            deliver(signal);
        }
    }

    private static void hold() {
        holding = true;
        for (String name : STOPPING) {
            Signal signal = new Signal(name);
            try {
                jvmHandlers.put(signal, Signal.handle(signal, StopSignalsHeld::received));
            } catch (IllegalArgumentException e) {
                // A signal the JVM keeps for itself (-Xrs, a debugger): it cannot be held, so it is not.
            }
        }
    }

    /** Puts the JVM's handlers back, then raises the signal again: now it stops the JVM. */
    private static void deliver(Signal signal) {
        stopping = true;
        jvmHandlers.forEach(Signal::handle);
        Signal.raise(signal);
    }

    /** What runs with stop signals held; it may throw its own checked exception. */
    @FunctionalInterface
    interface Block<T, E extends Exception> {
        T run() throws E;
    }
}

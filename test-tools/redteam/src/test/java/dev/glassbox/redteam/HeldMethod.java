package dev.glassbox.redteam;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.Location;
import com.sun.jdi.Method;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.AttachingConnector;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds the first thread of a launched JVM that enters one method, at a breakpoint, until the test releases it:
 * "while the server has not done X yet" without a race. The JVM starts suspended ({@link #jdwpAgent}) and runs once
 * the breakpoint is set, so the method cannot be entered before; only the thread that enters it waits.
 */
final class HeldMethod implements AutoCloseable {
    private final VirtualMachine vm;
    private final CompletableFuture<ThreadReference> held = new CompletableFuture<>();
    private BreakpointRequest breakpoint;

    private HeldMethod(VirtualMachine vm) {
        this.vm = vm;
    }

    /** The JVM option that makes a launched JVM wait for {@link #attach} on {@code port}. */
    static String jdwpAgent(int port) {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=127.0.0.1:" + port;
    }

    /** Attaches to the JVM waiting on {@code port} (for up to 60 s), sets the breakpoint and lets the JVM run. */
    static HeldMethod attach(int port, String className, String methodName) throws Exception {
        AttachingConnector socket = Bootstrap.virtualMachineManager().attachingConnectors().stream()
                .filter(connector -> connector.name().equals("com.sun.jdi.SocketAttach")).findFirst().orElseThrow();
        Map<String, Connector.Argument> arguments = socket.defaultArguments();
        arguments.get("hostname").setValue("127.0.0.1");
        arguments.get("port").setValue(String.valueOf(port));
        long deadline = System.currentTimeMillis() + 60_000;
        VirtualMachine vm = null;
        while (vm == null) {
            try {
                vm = socket.attach(arguments);
            } catch (IOException notListeningYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notListeningYet;
                }
                Thread.sleep(200);
            }
        }
        HeldMethod method = new HeldMethod(vm);
        ClassPrepareRequest prepared = vm.eventRequestManager().createClassPrepareRequest();
        prepared.addClassFilter(className);
        prepared.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        prepared.enable();
        Thread events = new Thread(() -> method.handleEvents(methodName), "held-method-events");
        events.setDaemon(true);
        events.start();
        vm.resume();
        return method;
    }

    /** Waits for a thread to enter the method; throws if none did in time, or the method could not be held. */
    void awaitHeld(long seconds) throws Exception {
        held.get(seconds, TimeUnit.SECONDS);
    }

    /** Lets the held thread go on; the method is not held again. */
    void release() {
        breakpoint.disable();
        held.join().resume();
    }

    private void handleEvents(String methodName) {
        try {
            while (!held.isCompletedExceptionally()) {
                EventSet set = vm.eventQueue().remove();
                boolean hold = false;
                try {
                    hold = handle(set, methodName);
                } catch (RuntimeException noSuchMethod) {
                    held.completeExceptionally(noSuchMethod);
                }
                if (!hold) {
                    set.resume();
                }
            }
        } catch (InterruptedException | VMDisconnectedException ended) {
            held.completeExceptionally(ended);
        }
    }

    /** Handles one set of events; true when it holds a thread that entered the method. */
    private boolean handle(EventSet set, String methodName) {
        boolean hold = false;
        for (Event event : set) {
            if (event instanceof ClassPrepareEvent prepared && breakpoint == null) {
                breakpoint = vm.eventRequestManager().createBreakpointRequest(entry(prepared.referenceType(), methodName));
                breakpoint.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                breakpoint.enable();
            } else if (event instanceof BreakpointEvent entered) {
                hold = held.complete(entered.thread());
            } else if (event instanceof VMDisconnectEvent) {
                held.completeExceptionally(new IllegalStateException("the JVM ended before the method was entered"));
            }
        }
        return hold;
    }

    private static Location entry(ReferenceType type, String methodName) {
        Method method = type.methodsByName(methodName).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException(type.name() + " has no method " + methodName));
        return method.location();
    }

    /** Lets the JVM run on without the debugger; a held thread goes on. */
    @Override
    public void close() {
        try {
            vm.dispose();
        } catch (VMDisconnectedException gone) {
            // the JVM ended first
        }
    }
}

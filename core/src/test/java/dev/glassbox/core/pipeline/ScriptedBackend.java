package dev.glassbox.core.pipeline;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.AgentStream;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A test backend that plays a script: each step is a pause, then calls on the listener, from a
 * Vert.x timer thread as a real backend would. A step list that does not end the answer leaves it
 * hanging, like a stalled upstream.
 */
final class ScriptedBackend implements AgentBackend {
    record Step(long delayMs, Consumer<AgentListener> action) {
    }

    private final Vertx vertx;
    private final String model;
    private final List<Step> script;
    final AtomicBoolean cancelled = new AtomicBoolean();
    volatile AgentRequest lastRequest;

    ScriptedBackend(Vertx vertx, String model, List<Step> script) {
        this.vertx = vertx;
        this.model = model;
        this.script = script;
    }

    static Step now(Consumer<AgentListener> action) {
        return new Step(0, action);
    }

    static Step after(long delayMs, Consumer<AgentListener> action) {
        return new Step(delayMs, action);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public AgentStream answer(AgentRequest request, AgentListener listener) {
        lastRequest = request;
        play(0, listener);
        return () -> cancelled.set(true);
    }

    private void play(int index, AgentListener listener) {
        if (index >= script.size() || cancelled.get()) {
            return;
        }
        Step step = script.get(index);
        Runnable run = () -> {
            if (!cancelled.get()) {
                step.action().accept(listener);
                play(index + 1, listener);
            }
        };
        if (step.delayMs() == 0) {
            run.run();
        } else {
            vertx.setTimer(step.delayMs(), t -> run.run());
        }
    }
}

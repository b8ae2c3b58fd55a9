package dev.glassbox.core.bedrock;

import dev.glassbox.core.log.Log;
import io.vertx.core.Context;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Moves SDK callbacks, which run on the SDK's Netty threads, onto the answer's Vert.x context, and
 * catches anything they throw: the SDK would swallow it and complete the call as if nothing happened.
 */
final class SdkCallbacks {
    private static final Logger LOG = Logger.getLogger(SdkCallbacks.class.getName());

    private final Context context;
    private final Consumer<Throwable> onBug;

    SdkCallbacks(Context context, Consumer<Throwable> onBug) {
        this.context = context;
        this.onBug = onBug;
    }

    void run(Runnable callback) {
        context.runOnContext(v -> {
            try {
                callback.run();
            } catch (RuntimeException e) {
                Log.error(LOG, "a Bedrock stream callback failed", e);
                onBug.accept(e);
            }
        });
    }

    <T> Consumer<T> of(Consumer<T> callback) {
        return value -> run(() -> callback.accept(value));
    }

    void later(long delayMs, Runnable callback) {
        context.owner().setTimer(delayMs, t -> run(callback));
    }
}

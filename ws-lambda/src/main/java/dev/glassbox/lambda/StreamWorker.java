package dev.glassbox.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The stream worker function: a thin adapter from the asynchronous invoke's payload to {@link Worker}. */
public final class StreamWorker implements RequestHandler<Map<String, String>, String> {
    private final Worker worker;

    public StreamWorker() {
        this(Container.fromEnvironment().worker);
    }

    public StreamWorker(Worker worker) {
        this.worker = worker;
    }

    @Override
    public String handleRequest(Map<String, String> payload, Context context) {
        WorkerRequest request = new WorkerRequest(payload.get("connectionId"), payload.get("answerId"),
                payload.get("sessionId"), payload.get("question"));
        try {
            int posts = worker.run(request, context == null ? 900_000 : context.getRemainingTimeInMillis());
            return "answered with " + posts + " posts";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}

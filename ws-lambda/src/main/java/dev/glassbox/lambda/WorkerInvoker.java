package dev.glassbox.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/** Hands a question to the stream worker with an asynchronous Lambda invoke, so the handler returns at once. */
public final class WorkerInvoker {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LambdaAsyncClient lambda;
    private final String function;

    public WorkerInvoker(LambdaAsyncClient lambda, String function) {
        this.lambda = lambda;
        this.function = function;
    }

    /** Waits only for Lambda to accept the event (202), not for the answer. */
    public void invoke(WorkerRequest request) {
        try {
            byte[] payload = JSON.writeValueAsBytes(request);
            lambda.invoke(i -> i.functionName(function).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromByteArray(payload))).join();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record always serializes", e);
        }
    }
}

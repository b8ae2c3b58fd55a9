package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.protocol.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Turns what the SDK throws into an answer's {@code error}, saying honestly whether a retry can help. */
final class BedrockFailures {

    private BedrockFailures() {
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static boolean isThrottling(Throwable error) {
        return unwrap(error) instanceof AwsServiceException service
                && (service.isThrottlingException() || service.statusCode() == 429);
    }

    /** {@code service} is named as mid-sentence ("the Bedrock model"); sentences that open with it capitalise it. */
    static AgentFailure toFailure(Throwable error, String service, long readTimeoutMs) {
        Throwable cause = unwrap(error);
        String subject = Character.toUpperCase(service.charAt(0)) + service.substring(1);
        if (isThrottling(cause)) {
            return new AgentFailure(ErrorCode.UPSTREAM_THROTTLED,
                    subject + " is busy right now (throttled); try again in a few seconds.", true, 5_000L);
        }
        if (cause instanceof AwsServiceException service403 && service403.statusCode() >= 400
                && service403.statusCode() < 500) {
            return AgentFailure.of(ErrorCode.UPSTREAM_ERROR, subject + " refused the request: "
                    + detail(service403), false);
        }
        if (cause instanceof AwsServiceException serviceError) {
            return AgentFailure.of(ErrorCode.UPSTREAM_ERROR, subject + " failed: " + detail(serviceError), true);
        }
        if (isTimeout(cause)) {
            return AgentFailure.of(ErrorCode.TIMEOUT, subject + " was silent for more than "
                    + readTimeoutMs / 1000 + " s.", true);
        }
        if (cause instanceof SdkClientException) {
            return AgentFailure.of(ErrorCode.UPSTREAM_ERROR, "Could not reach " + service + " ("
                    + networkReason(cause) + ").", true);
        }
        return AgentFailure.of(ErrorCode.UPSTREAM_ERROR, subject + " failed unexpectedly.", true);
    }

    /**
     * The innermost cause names what went wrong on the network (an unknown host, a refused connection); the SDK's
     * own wrapper text points at a cause the visitor cannot see.
     */
    private static String networkReason(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        String reason = root.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
        return reason.length() > 200 ? reason.substring(0, 200) + "…" : reason;
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static String detail(AwsServiceException error) {
        String code = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorCode();
        String message = error.awsErrorDetails() == null ? null : error.awsErrorDetails().errorMessage();
        String text = (code == null ? "" : code + ": ") + (message == null ? "HTTP " + error.statusCode() : message);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

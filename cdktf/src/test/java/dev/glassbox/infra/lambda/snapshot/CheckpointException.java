package dev.glassbox.infra.lambda.snapshot;

/** jdk.crac.CheckpointException's shape: a checkpoint hook failed. */
public class CheckpointException extends Exception {
    public CheckpointException(Throwable cause) {
        super(cause);
    }
}

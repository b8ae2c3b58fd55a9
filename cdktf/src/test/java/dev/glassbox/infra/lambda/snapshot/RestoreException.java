package dev.glassbox.infra.lambda.snapshot;

/** jdk.crac.RestoreException's shape: a restore hook failed. */
public class RestoreException extends Exception {
    public RestoreException(Throwable cause) {
        super(cause);
    }
}

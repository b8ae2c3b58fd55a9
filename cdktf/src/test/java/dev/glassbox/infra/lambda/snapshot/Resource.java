package dev.glassbox.infra.lambda.snapshot;

/** jdk.crac.Resource's shape. */
public interface Resource {
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    void afterRestore(Context<? extends Resource> context) throws Exception;
}

package dev.glassbox.infra.lambda.snapshot;

/** jdk.crac.Context's shape. */
public abstract class Context<R extends Resource> implements Resource {
    public abstract void register(R resource);
}

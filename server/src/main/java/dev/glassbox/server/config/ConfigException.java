package dev.glassbox.server.config;

/** A setting that cannot work; the message says which and how to fix it. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}

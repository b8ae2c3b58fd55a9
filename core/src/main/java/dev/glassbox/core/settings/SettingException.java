package dev.glassbox.core.settings;

/**
 * A setting that cannot work. The message names the variable, the value and what would be accepted; an entry point
 * prints it alone (no stack trace: the trace would be about this class, not about the mistake) and exits with 2.
 */
public final class SettingException extends IllegalArgumentException {
    public SettingException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}

package dev.glassbox.server.feedback;

import dev.glassbox.core.feedback.FeedbackReport;
import dev.glassbox.server.config.ServerConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code java -jar glassbox-server.jar report}: the questions the local server's agent declined and
 * the answers visitors marked down, most frequent first, read from the feedback file in the cache
 * folder (GLASSBOX_CACHE_DIR). It is the to-do list for {@code knowledge/}. The cloud's feedback is
 * reported by {@code dev.glassbox.lambda.CloudFeedbackReport}.
 */
public final class FeedbackReportCommand {

    private FeedbackReportCommand() {
    }

    /** Prints the report; returns the process exit status. */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        Path folder = ServerConfig.cacheDir(env);
        try {
            var entries = new JsonLinesFeedbackStore(folder, Long.MAX_VALUE).entries();
            out.print(FeedbackReport.document(folder.resolve(JsonLinesFeedbackStore.FILE_NAME).toString(), entries));
            return 0;
        } catch (UncheckedIOException e) {
            err.println("glassbox: cannot read the feedback in " + folder + ": " + e.getCause().getMessage());
            return 1;
        }
    }
}

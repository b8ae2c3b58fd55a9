package dev.glassbox.lambda;

import dev.glassbox.core.cli.Cli;
import dev.glassbox.core.feedback.FeedbackReport;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The feedback report of the deployed stack: the questions its agent declined and the answers
 * visitors marked down, most frequent first, read from the state table in DynamoDB. The same
 * report as the local server's {@code report} command, from the cloud's store.
 * <p>
 * {@code java -cp ws-lambda/target/glassbox-ws-lambda-tools.jar dev.glassbox.lambda.CloudFeedbackReport
 * --table NAME}; the region, credentials and endpoint come from the AWS SDK's standard settings
 * ({@code AWS_REGION}, {@code AWS_PROFILE}, {@code AWS_ENDPOINT_URL_DYNAMODB}, ...).
 */
@Command(name = CloudFeedbackReport.NAME, mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Prints the deployed stack's feedback report: declined questions and answers marked down, most "
                + "frequent first, from its DynamoDB state table.",
        footer = {"", "Region, credentials and endpoint come from the AWS SDK's standard settings (AWS_REGION, "
                + "AWS_PROFILE, AWS_ENDPOINT_URL_DYNAMODB, ...)."})
public final class CloudFeedbackReport implements Callable<Integer> {
    /** The command's name, which also opens each of its error lines. */
    static final String NAME = "cloud-feedback-report";

    @Option(names = "--table", required = true, paramLabel = "NAME",
            description = "the stack's state table, e.g. glassbox-state")
    private String table;
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(Cli.run(new CloudFeedbackReport(), args));
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.create()) {
            return run(dynamo, table, System.out, System.err);
        } catch (SdkException e) {
            // no region or no credentials: said before any request is made
            err.println(NAME + ": cannot reach DynamoDB: " + e.getMessage());
            return 1;
        }
    }

    /** Prints the report of the feedback in {@code table}; returns the process exit status. */
    public static int run(DynamoDbAsyncClient dynamo, String table, PrintStream out, PrintStream err) {
        try {
            var entries = new DynamoFeedbackStore(dynamo, table).entries();
            out.print(FeedbackReport.document("DynamoDB table " + table, entries));
            return 0;
        } catch (CompletionException | SdkException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            err.println(NAME + ": cannot read the feedback in DynamoDB table " + table + ": " + cause.getMessage());
            return 1;
        }
    }
}

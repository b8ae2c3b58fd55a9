package dev.glassbox.lambda;

import dev.glassbox.core.feedback.FeedbackReport;
import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The feedback report of the deployed stack: the questions its agent declined and the answers
 * visitors marked down, most frequent first, read from the state table in DynamoDB. The same
 * report as the local server's {@code report} command, from the cloud's store.
 * <p>
 * {@code java -cp ws-lambda/target/glassbox-ws-lambda.jar dev.glassbox.lambda.CloudFeedbackReport
 * --table NAME}; the region, credentials and endpoint come from the AWS SDK's standard settings
 * ({@code AWS_REGION}, {@code AWS_PROFILE}, {@code AWS_ENDPOINT_URL_DYNAMODB}, ...).
 */
public final class CloudFeedbackReport {
    static final String USAGE = "usage: CloudFeedbackReport --table NAME (the stack's state table, e.g. "
            + "glassbox-state; region and credentials from the AWS SDK's standard settings)";

    private CloudFeedbackReport() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !args[0].equals("--table") || args[1].isBlank()) {
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        int status;
        try (DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.create()) {
            status = run(dynamo, args[1], System.out, System.err);
        } catch (SdkException e) {
            // no region or no credentials: said before any request is made
            System.err.println("glassbox: cannot reach DynamoDB: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** Prints the report of the feedback in {@code table}; returns the process exit status. */
    public static int run(DynamoDbAsyncClient dynamo, String table, PrintStream out, PrintStream err) {
        try {
            var entries = new DynamoFeedbackStore(dynamo, table).entries();
            out.print(FeedbackReport.document("DynamoDB table " + table, entries));
            return 0;
        } catch (CompletionException | SdkException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            err.println("glassbox: cannot read the feedback in DynamoDB table " + table + ": " + cause.getMessage());
            return 1;
        }
    }
}

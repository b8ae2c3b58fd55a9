package dev.glassbox.lambda;

import dev.glassbox.core.conversation.ConversationStore;
import dev.glassbox.core.conversation.MemoryConversationStore;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.MemoryFeedbackStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

/**
 * Where the cloud path keeps what outlives one invocation: its state, its conversations and the
 * visitors' feedback, in one table.
 */
public record Stores(StateStore state, ConversationStore conversations, FeedbackStore feedback) {

    /** This JVM's memory: right for the local gateway, where handler and worker share one process. */
    public static Stores inMemory() {
        return new Stores(new MemoryStateStore(), new MemoryConversationStore(), new MemoryFeedbackStore(10_000, 10_000));
    }

    /** DynamoDB (one client for all three) when a table is named, else this JVM's memory. */
    public static Stores from(LambdaSettings settings) {
        if (settings.table() == null) {
            return inMemory();
        }
        DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder();
        if (settings.dynamoEndpoint() != null) {
            builder.endpointOverride(settings.dynamoEndpoint());
        }
        DynamoDbAsyncClient dynamo = builder.build();
        return new Stores(new DynamoStateStore(dynamo, settings.table()),
                new DynamoConversationStore(dynamo, settings.table()), new DynamoFeedbackStore(dynamo, settings.table()));
    }
}

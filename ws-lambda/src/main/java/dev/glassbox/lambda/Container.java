package dev.glassbox.lambda;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.bedrock.BedrockAgentBackend;
import dev.glassbox.core.bedrock.BedrockClients;
import dev.glassbox.core.bedrock.BedrockRagBackend;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.feedback.MemoryFeedbackStore;
import dev.glassbox.core.log.JsonLogging;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClientBuilder;

/**
 * What one Lambda container builds once, at init, and every invocation reuses: one Vert.x, the AWS
 * clients, the backend, the state and feedback stores. Nothing keeps running between invocations.
 */
public final class Container {
    final Vertx vertx;
    final StateStore state;
    final FeedbackStore feedback;
    final ApiGatewayManagementApiAsyncClient connections;
    final Routes routes;
    final Worker worker;
    private final Priming priming;

    public Container(LambdaSettings settings, StateStore state, FeedbackStore feedback) {
        JsonLogging.install();
        this.vertx = Vertx.vertx();
        this.state = state;
        this.feedback = feedback;
        this.connections = ApiGatewayManagementApiAsyncClient.builder()
                .endpointOverride(settings.connectionsEndpoint()).build();
        LambdaAsyncClientBuilder lambda = LambdaAsyncClient.builder();
        if (settings.lambdaEndpoint() != null) {
            lambda.endpointOverride(settings.lambdaEndpoint());
        }
        EmfMetrics metrics = new EmfMetrics(System.out);
        this.routes = new Routes(settings, state, feedback, connections, new WorkerInvoker(lambda.build(),
                settings.workerFunction()), metrics);
        BedrockClients bedrock = new BedrockClients(settings.bedrock());
        AgentBackend backend = settings.backend().equals(BedrockAgentBackend.NAME)
                ? new BedrockAgentBackend(vertx, bedrock, settings.bedrock())
                : new BedrockRagBackend(vertx, bedrock, settings.bedrock());
        this.worker = new Worker(vertx, backend, state, feedback, connections, metrics);
        this.priming = new Priming(vertx);
        priming.register();
    }

    /** Runs what SnapStart's checkpoint runs, for tests and for the init-time benchmark. */
    public void prime() throws Exception {
        priming.prime();
    }

    public RouteHandler routeHandler() {
        return new RouteHandler(routes);
    }

    public StreamWorker streamWorker() {
        return new StreamWorker(worker);
    }

    /** The container of this JVM, built from the environment on first use (the Lambda init phase). */
    static synchronized Container fromEnvironment() {
        if (current == null) {
            LambdaSettings settings = LambdaSettings.fromEnvironment(System.getenv());
            StateStore state = stateStore(settings);
            current = new Container(settings, state, feedbackStore(settings, state));
        }
        return current;
    }

    /** DynamoDB when a table is named, else this JVM's memory. */
    public static StateStore stateStore(LambdaSettings settings) {
        if (settings.table() == null) {
            return new MemoryStateStore();
        }
        DynamoDbAsyncClientBuilder dynamo = DynamoDbAsyncClient.builder();
        if (settings.dynamoEndpoint() != null) {
            dynamo.endpointOverride(settings.dynamoEndpoint());
        }
        return new DynamoStateStore(dynamo.build(), settings.table());
    }

    /** Feedback beside the state: in the same DynamoDB table, or in this JVM's memory. */
    public static FeedbackStore feedbackStore(LambdaSettings settings, StateStore state) {
        return state instanceof DynamoStateStore dynamo ? new DynamoFeedbackStore(dynamo.client(), settings.table())
                : new MemoryFeedbackStore(10_000, 10_000);
    }

    private static Container current;
}

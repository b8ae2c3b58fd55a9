package dev.glassbox.lambda;

import dev.glassbox.core.agent.AgentBackend;
import dev.glassbox.core.bedrock.BedrockAgentBackend;
import dev.glassbox.core.bedrock.BedrockClients;
import dev.glassbox.core.bedrock.BedrockRagBackend;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.log.JsonLogging;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
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

    public Container(LambdaSettings settings, Stores stores) {
        JsonLogging.install();
        this.vertx = Vertx.vertx();
        this.state = stores.state();
        this.feedback = stores.feedback();
        this.connections = ApiGatewayManagementApiAsyncClient.builder()
                .endpointOverride(settings.connectionsEndpoint()).build();
        LambdaAsyncClientBuilder lambda = LambdaAsyncClient.builder();
        if (settings.lambdaEndpoint() != null) {
            lambda.endpointOverride(settings.lambdaEndpoint());
        }
        EmfMetrics metrics = new EmfMetrics(System.out);
        this.routes = new Routes(settings, state, stores.feedback(), connections, new WorkerInvoker(lambda.build(),
                settings.workerFunction()), metrics, stores.conversations());
        BedrockClients bedrock = new BedrockClients(settings.bedrock());
        AgentBackend backend = settings.backend().equals(BedrockAgentBackend.NAME)
                ? new BedrockAgentBackend(vertx, bedrock, settings.bedrock())
                : new BedrockRagBackend(vertx, bedrock, settings.bedrock());
        this.worker = new Worker(vertx, backend, state, stores.conversations(), stores.feedback(), connections, metrics,
                settings.reconnectGraceMs());
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
            current = new Container(settings, Stores.from(settings));
        }
        return current;
    }

    private static Container current;
}

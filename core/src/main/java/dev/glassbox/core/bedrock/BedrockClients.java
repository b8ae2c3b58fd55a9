package dev.glassbox.core.bedrock;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.bedrockagentruntime.BedrockAgentRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;

/**
 * Builds the asynchronous Bedrock clients. SDK retries are off: a retried stream is replayed into
 * the same handler and duplicates text, so the backends retry themselves, only before the first
 * event. The read timeout is the configured one, not Netty's 30 s, because agents think longer.
 */
public final class BedrockClients implements AutoCloseable {
    private final SdkAsyncHttpClient http;
    private final BedrockAgentRuntimeAsyncClient agentRuntime;
    private final BedrockRuntimeAsyncClient runtime;

    public BedrockClients(BedrockSettings settings) {
        this.http = NettyNioAsyncHttpClient.builder()
                .readTimeout(Duration.ofMillis(settings.readTimeoutMs()))
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        ClientOverrideConfiguration noRetries = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .build();
        var agentBuilder = BedrockAgentRuntimeAsyncClient.builder().httpClient(http).overrideConfiguration(noRetries);
        if (settings.agentRuntimeEndpoint() != null) {
            agentBuilder.endpointOverride(settings.agentRuntimeEndpoint());
        }
        var runtimeBuilder = BedrockRuntimeAsyncClient.builder().httpClient(http).overrideConfiguration(noRetries);
        if (settings.runtimeEndpoint() != null) {
            runtimeBuilder.endpointOverride(settings.runtimeEndpoint());
        }
        this.agentRuntime = agentBuilder.build();
        this.runtime = runtimeBuilder.build();
    }

    public BedrockAgentRuntimeAsyncClient agentRuntime() {
        return agentRuntime;
    }

    public BedrockRuntimeAsyncClient runtime() {
        return runtime;
    }

    @Override
    public void close() {
        agentRuntime.close();
        runtime.close();
        http.close();
    }
}

package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.rag.CitationMarkers;
import dev.glassbox.core.rag.GroundedPrompt;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/** One {@code bedrock-rag} answer: retrieve, then stream the grounded generation. All state lives on one context. */
final class BedrockRagAnswer extends BedrockCall {
    private static final int PASSAGES = 4;
    private static final int MAX_OUTPUT_TOKENS = 1_024;

    private final BedrockClients clients;
    private final String question;
    private List<Reference> passages;
    private CitationMarkers markers;
    private String prompt;
    private Usage usage;
    private StopReason stopReason;
    private boolean textPassedOn;
    private long generationStarted;

    BedrockRagAnswer(Context context, BedrockClients clients, BedrockSettings settings, String question,
                     AgentListener listener) {
        super(context, settings, listener);
        this.clients = clients;
        this.question = question;
    }

    void start() {
        callbacks.run(this::retrieve);
    }

    private void retrieve() {
        long started = System.nanoTime();
        CompletableFuture<RetrieveResponse> retrieval = clients.agentRuntime().retrieve(r -> r
                .knowledgeBaseId(settings.knowledgeBaseId())
                .retrievalQuery(q -> q.text(question))
                .retrievalConfiguration(c -> c.vectorSearchConfiguration(v -> v.numberOfResults(PASSAGES))));
        track(retrieval);
        retrieval.whenComplete((response, error) -> callbacks.run(() -> {
            if (stopped()) {
                return;
            }
            if (error != null) {
                retryOrFail(error, false, "The Bedrock knowledge base", this::retrieve);
                return;
            }
            passages = response.retrievalResults().stream().map(BedrockRagAnswer::reference).toList();
            listener.onTrace(TraceStep.retrieval(question, passages, (System.nanoTime() - started) / 1_000_000));
            markers = new CitationMarkers(passages);
            prompt = GroundedPrompt.userMessage(question, passages);
            generate();
        }));
    }

    private void generate() {
        int thisAttempt = nextAttempt();
        generationStarted = System.nanoTime();
        ConverseStreamRequest request = ConverseStreamRequest.builder()
                .modelId(settings.modelId())
                .system(SystemContentBlock.fromText(GroundedPrompt.SYSTEM))
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText(prompt)).build())
                .inferenceConfig(c -> c.maxTokens(MAX_OUTPUT_TOKENS).temperature(0.2f))
                .build();
        ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                        .onContentBlockDelta(callbacks.of(event -> onDelta(thisAttempt, event)))
                        .onMessageStop(callbacks.of(event -> onStop(thisAttempt, event)))
                        .onMetadata(callbacks.of(event -> onMetadata(thisAttempt, event)))
                        .build())
                .onError(callbacks.of(error -> onError(thisAttempt, error)))
                .onComplete(() -> callbacks.run(() -> onComplete(thisAttempt)))
                .build();
        CompletableFuture<Void> stream = clients.runtime().converseStream(request, handler);
        track(stream);
        stream.whenComplete((v, error) -> {
            if (error != null) {
                callbacks.run(() -> onError(thisAttempt, error));
            }
        });
    }

    private void onDelta(int thisAttempt, ContentBlockDeltaEvent event) {
        String text = event.delta() == null ? null : event.delta().text();
        if (!current(thisAttempt) || text == null || text.isEmpty()) {
            return;
        }
        textPassedOn = true;
        listener.onText(text);
        markers.accept(text).forEach(listener::onCitation);
    }

    private void onStop(int thisAttempt, MessageStopEvent event) {
        if (current(thisAttempt)) {
            stopReason = switch (event.stopReasonAsString()) {
                case "max_tokens" -> StopReason.MAX_TOKENS;
                case "guardrail_intervened", "content_filtered" -> StopReason.GUARDRAIL;
                default -> StopReason.COMPLETE;
            };
        }
    }

    private void onMetadata(int thisAttempt, ConverseStreamMetadataEvent event) {
        if (current(thisAttempt) && event.usage() != null) {
            usage = new Usage(zeroIfNull(event.usage().inputTokens()), zeroIfNull(event.usage().outputTokens()));
        }
    }

    private void onError(int thisAttempt, Throwable error) {
        if (current(thisAttempt)) {
            retryOrFail(error, textPassedOn, "The Bedrock model", this::generate);
        }
    }

    private void onComplete(int thisAttempt) {
        if (!current(thisAttempt)) {
            return;
        }
        if (stopReason == null) {
            fail(AgentFailure.of(ErrorCode.UPSTREAM_ERROR,
                    "The Bedrock model's stream ended before the answer was complete.", true));
            return;
        }
        Usage used = usage != null ? usage : Usage.NONE;
        listener.onUsage(used);
        TraceStep model = TraceStep.model(settings.modelId(), used, (System.nanoTime() - generationStarted) / 1_000_000);
        if (settings.traceVerbose()) {
            model = model.withDetail("system", GroundedPrompt.SYSTEM).withDetail("prompt", prompt);
        }
        listener.onTrace(model);
        if (stopReason == StopReason.GUARDRAIL) {
            listener.onTrace(new TraceStep(TraceStep.Kind.GUARDRAIL, "A guardrail stopped the answer", null,
                    java.util.Map.of("action", "INTERVENED")));
        }
        complete(stopReason);
    }

    private static Reference reference(KnowledgeBaseRetrievalResult result) {
        String uri = result.location() == null ? null
                : result.location().s3Location() != null ? result.location().s3Location().uri()
                : result.location().typeAsString();
        return KnowledgeReferences.of(uri, result.content() == null ? null : result.content().text(), result.score());
    }

    private static long zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}

package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.rag.CitationMarkers;
import dev.glassbox.core.rag.GroundedPrompt;
import dev.glassbox.core.rag.StandaloneQuery;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.bedrockagentruntime.model.KnowledgeBaseRetrievalResult;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrieveResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamProcessingMode;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/** One {@code bedrock-rag} answer: retrieve, then stream the grounded generation. All state lives on one context. */
final class BedrockRagAnswer extends BedrockCall {
    private static final int PASSAGES = 4;
    private static final int MAX_OUTPUT_TOKENS = 1_024;

    private final BedrockClients clients;
    private final AgentRequest request;
    /** What to search for: the question, or a follow-up rewritten to stand alone. */
    private final String question;
    private CitationMarkers markers;
    private GroundedPrompt prompt;
    private List<String> guardrailReasons = List.of();
    private Usage usage;
    private StopReason stopReason;
    private boolean textPassedOn;
    private long generationStarted;

    BedrockRagAnswer(Context context, BedrockClients clients, BedrockSettings settings, AgentRequest request,
                     AgentListener listener) {
        super(context, settings, listener);
        this.clients = clients;
        this.request = request;
        this.question = StandaloneQuery.of(request.question(), request.history()).query();
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
                retryOrFail(error, false, "the Bedrock knowledge base", this::retrieve);
                return;
            }
            List<GroundedPrompt.Source> sources = response.retrievalResults().stream().map(BedrockRagAnswer::source)
                    .toList();
            listener.onTrace(TraceStep.retrieval(question, sources.stream().map(GroundedPrompt.Source::reference)
                    .toList(), (System.nanoTime() - started) / 1_000_000));
            // The model reads the visitor's own words; the conversation before them resolves a follow-up.
            prompt = GroundedPrompt.of(request.question(), sources, request.history());
            markers = new CitationMarkers(prompt.passagesSent());
            generate();
        }));
    }

    private void generate() {
        int thisAttempt = nextAttempt();
        generationStarted = System.nanoTime();
        ConverseStreamRequest.Builder converse = ConverseStreamRequest.builder()
                .modelId(settings.modelId())
                .system(SystemContentBlock.fromText(GroundedPrompt.SYSTEM))
                .messages(messages())
                .inferenceConfig(c -> c.maxTokens(MAX_OUTPUT_TOKENS).temperature(0.2f));
        BedrockSettings.Guardrail guardrail = settings.guardrail();
        if (guardrail != null) {
            // SYNC: each chunk is checked before it is sent, so a visitor never sees text the guardrail then blocks.
            converse.guardrailConfig(g -> g.guardrailIdentifier(guardrail.id()).guardrailVersion(guardrail.version())
                    .streamProcessingMode(GuardrailStreamProcessingMode.SYNC).trace(GuardrailTrace.ENABLED));
        }
        ConverseStreamRequest request = converse.build();
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
        markers.accept(text).passTo(listener);
    }

    /**
     * The earlier turns, then the passages and the question. With a guardrail, only the visitor's
     * question is its input to check: the passages are the project's own text, which speaks of prompt
     * attacks, and earlier turns were checked when they were asked.
     */
    private List<Message> messages() {
        List<Message> messages = new ArrayList<>();
        for (GroundedPrompt.Message earlier : prompt.history()) {
            messages.add(Message.builder().role(earlier.fromVisitor() ? ConversationRole.USER : ConversationRole.ASSISTANT)
                    .content(ContentBlock.fromText(earlier.text())).build());
        }
        ContentBlock asked = settings.guardrail() == null ? ContentBlock.fromText(prompt.question())
                : ContentBlock.fromGuardContent(GuardrailConverseContentBlock.fromText(t -> t.text(prompt.question())));
        messages.add(Message.builder().role(ConversationRole.USER)
                .content(ContentBlock.fromText(prompt.passages()), asked).build());
        return messages;
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
        if (!current(thisAttempt)) {
            return;
        }
        if (event.usage() != null) {
            usage = new Usage(zeroIfNull(event.usage().inputTokens()), zeroIfNull(event.usage().outputTokens()));
        }
        if (event.trace() != null && event.trace().guardrail() != null) {
            guardrailReasons = GuardrailReasons.of(event.trace().guardrail());
        }
    }

    private void onError(int thisAttempt, Throwable error) {
        if (current(thisAttempt)) {
            retryOrFail(error, textPassedOn, "the Bedrock model", this::generate);
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
        markers.finish().passTo(listener);
        Usage used = usage != null ? usage : Usage.NONE;
        listener.onUsage(used);
        TraceStep model = prompt.describe(TraceStep.model(settings.modelId(), used,
                (System.nanoTime() - generationStarted) / 1_000_000), markers);
        if (settings.traceVerbose()) {
            model = model.withDetail("system", GroundedPrompt.SYSTEM).withDetail("prompt", prompt.userMessage());
        }
        listener.onTrace(model);
        if (stopReason == StopReason.GUARDRAIL) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("action", "INTERVENED");
            details.put("reasons", guardrailReasons);
            if (settings.guardrail() != null) {
                details.put("guardrail", settings.guardrail().id() + " version " + settings.guardrail().version());
            }
            listener.onTrace(new TraceStep(TraceStep.Kind.GUARDRAIL, "A guardrail stopped the answer", null, details));
        }
        complete(stopReason);
    }

    private static GroundedPrompt.Source source(KnowledgeBaseRetrievalResult result) {
        String uri = result.location() == null ? null
                : result.location().s3Location() != null ? result.location().s3Location().uri()
                : result.location().typeAsString();
        String text = result.content() == null || result.content().text() == null ? "" : result.content().text();
        return new GroundedPrompt.Source(KnowledgeReferences.of(uri, text, result.score()), text);
    }

    private static long zeroIfNull(Integer value) {
        return value == null ? 0 : value;
    }
}

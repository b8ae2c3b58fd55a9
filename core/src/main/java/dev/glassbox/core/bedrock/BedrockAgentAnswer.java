package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.AgentRequest;
import dev.glassbox.core.agent.Citation;
import dev.glassbox.core.agent.StopReason;
import dev.glassbox.core.protocol.ErrorCode;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentRequest;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvokeAgentResponseHandler;
import software.amazon.awssdk.services.bedrockagentruntime.model.PayloadPart;
import software.amazon.awssdk.services.bedrockagentruntime.model.TextResponsePart;
import software.amazon.awssdk.services.bedrockagentruntime.model.TracePart;

/** One {@code bedrock-agent} answer: one InvokeAgent stream of chunks and traces. All state lives on one context. */
final class BedrockAgentAnswer extends BedrockCall {
    private final BedrockClients clients;
    private final AgentRequest request;
    private final StringBuilder text = new StringBuilder();
    private AgentTraceMapper traces;
    private Utf8Chunks utf8;
    private boolean passedOn;
    private int citations;

    BedrockAgentAnswer(Context context, BedrockClients clients, BedrockSettings settings, AgentRequest request,
                       AgentListener listener) {
        super(context, settings, listener);
        this.clients = clients;
        this.request = request;
    }

    void start() {
        callbacks.run(this::invoke);
    }

    private void invoke() {
        int thisAttempt = nextAttempt();
        traces = new AgentTraceMapper(settings.traceVerbose(), settings.modelId() == null);
        utf8 = new Utf8Chunks();
        InvokeAgentRequest invoke = InvokeAgentRequest.builder()
                .agentId(settings.agentId())
                .agentAliasId(settings.agentAliasId())
                .sessionId(request.sessionId())
                .inputText(request.question())
                .enableTrace(true)
                .streamingConfigurations(s -> s.streamFinalResponse(true))
                .build();
        InvokeAgentResponseHandler handler = InvokeAgentResponseHandler.builder()
                .subscriber(InvokeAgentResponseHandler.Visitor.builder()
                        .onChunk(callbacks.of(chunk -> onChunk(thisAttempt, chunk)))
                        .onTrace(callbacks.of(trace -> onTrace(thisAttempt, trace)))
                        .build())
                .onError(callbacks.of(error -> onError(thisAttempt, error)))
                .onComplete(() -> callbacks.run(() -> onComplete(thisAttempt)))
                .build();
        CompletableFuture<Void> stream = clients.agentRuntime().invokeAgent(invoke, handler);
        track(stream);
        stream.whenComplete((v, error) -> {
            if (error != null) {
                callbacks.run(() -> onError(thisAttempt, error));
            }
        });
    }

    private void onChunk(int thisAttempt, PayloadPart chunk) {
        if (!current(thisAttempt)) {
            return;
        }
        passedOn = true;
        if (chunk.bytes() != null) {
            String decoded = utf8.decode(chunk.bytes().asByteArray());
            text.append(decoded);
            listener.onText(decoded);
        }
        if (chunk.attribution() != null) {
            chunk.attribution().citations().forEach(this::cite);
        }
    }

    /** Finds the cited text in the answer (its span counts in the whole response), then links its sources. */
    private void cite(software.amazon.awssdk.services.bedrockagentruntime.model.Citation cited) {
        TextResponsePart part = cited.generatedResponsePart() == null ? null
                : cited.generatedResponsePart().textResponsePart();
        if (part == null || part.text() == null) {
            return;
        }
        int start = text.indexOf(part.text());
        if (start < 0 && part.span() != null && part.span().end() != null && part.span().end() <= text.length()) {
            start = part.span().start();
        }
        if (start < 0) {
            return;
        }
        int end = Math.min(text.length(), start + part.text().length());
        List<dev.glassbox.core.agent.Reference> references = cited.retrievedReferences().stream()
                .map(AgentTraceMapper::reference).toList();
        listener.onCitation(new Citation(citations++, start, end, references));
    }

    private void onTrace(int thisAttempt, TracePart part) {
        if (!current(thisAttempt) || part.trace() == null) {
            return;
        }
        passedOn = true;
        AgentFailure failure = traces.accept(part.trace(), listener);
        if (failure != null) {
            fail(failure);
            cancel();
        }
    }

    private void onError(int thisAttempt, Throwable error) {
        if (current(thisAttempt)) {
            retryOrFail(error, passedOn, "the Bedrock agent", this::invoke);
        }
    }

    private void onComplete(int thisAttempt) {
        if (!current(thisAttempt)) {
            return;
        }
        String rest = utf8.finish();
        if (!rest.isEmpty()) {
            text.append(rest);
            listener.onText(rest);
        }
        if (!traces.reachedTheEnd()) {
            fail(AgentFailure.of(ErrorCode.UPSTREAM_ERROR,
                    "The agent's stream ended before its final response; the answer may be incomplete.", true));
            return;
        }
        complete(traces.guardrailIntervened() ? StopReason.GUARDRAIL : StopReason.COMPLETE);
    }
}

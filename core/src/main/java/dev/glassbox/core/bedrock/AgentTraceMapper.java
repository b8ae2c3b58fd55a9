package dev.glassbox.core.bedrock;

import dev.glassbox.core.agent.AgentFailure;
import dev.glassbox.core.agent.AgentListener;
import dev.glassbox.core.agent.Reference;
import dev.glassbox.core.agent.TraceStep;
import dev.glassbox.core.agent.Usage;
import dev.glassbox.core.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.bedrockagentruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockagentruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockagentruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockagentruntime.model.InvocationInput;
import software.amazon.awssdk.services.bedrockagentruntime.model.Metadata;
import software.amazon.awssdk.services.bedrockagentruntime.model.Observation;
import software.amazon.awssdk.services.bedrockagentruntime.model.OrchestrationTrace;
import software.amazon.awssdk.services.bedrockagentruntime.model.PostProcessingTrace;
import software.amazon.awssdk.services.bedrockagentruntime.model.PreProcessingTrace;
import software.amazon.awssdk.services.bedrockagentruntime.model.RetrievedReference;
import software.amazon.awssdk.services.bedrockagentruntime.model.Trace;

/**
 * Turns a Bedrock Agent's traces into protocol trace steps. An invocation input is held until its
 * observation arrives (matched by trace id), so a knowledge-base lookup becomes one retrieval step
 * and an action-group call one tool step. Prompts and raw model output are shown only when verbose:
 * they hold the agent's instructions.
 */
final class AgentTraceMapper {
    private static final int MAX_SUMMARY_CHARS = 600;

    private final boolean verbose;
    private final boolean priceOnTracedModel;
    private final Map<String, String> lookups = new HashMap<>();
    private final Map<String, String> toolCalls = new HashMap<>();
    private String foundationModel = "agent model";
    private String lastPrompt;
    private boolean guardrailIntervened;
    private boolean reachedTheEnd;

    /** @param priceOnTracedModel whether the model the traces name prices the answer (no model is configured) */
    AgentTraceMapper(boolean verbose, boolean priceOnTracedModel) {
        this.verbose = verbose;
        this.priceOnTracedModel = priceOnTracedModel;
    }

    boolean guardrailIntervened() {
        return guardrailIntervened;
    }

    /**
     * Whether the traces show the agent got to its answer: a final-response observation, a
     * post-processing step, a guardrail intervention or a question rejected in pre-processing. The SDK
     * reports a stream cut off mid-frame as complete, so this is how a truncated answer is told apart.
     */
    boolean reachedTheEnd() {
        return reachedTheEnd;
    }

    /** Passes the trace's steps and usage on; returns the failure a failure trace reports, else null. */
    AgentFailure accept(Trace trace, AgentListener listener) {
        switch (trace.type()) {
            case ORCHESTRATION_TRACE -> orchestration(trace.orchestrationTrace(), listener);
            case PRE_PROCESSING_TRACE -> preProcessing(trace.preProcessingTrace(), listener);
            case POST_PROCESSING_TRACE -> postProcessing(trace.postProcessingTrace(), listener);
            case GUARDRAIL_TRACE -> guardrail(trace.guardrailTrace(), listener);
            case FAILURE_TRACE -> {
                String reason = trace.failureTrace().failureReason();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("text", reason == null ? "The agent failed." : reason);
                if (trace.failureTrace().failureCode() != null) {
                    details.put("failureCode", trace.failureTrace().failureCode());
                }
                listener.onTrace(new TraceStep(TraceStep.Kind.FAILURE, "The agent failed", null, details));
                Integer code = trace.failureTrace().failureCode();
                return AgentFailure.of(ErrorCode.UPSTREAM_ERROR, "The Bedrock agent failed: "
                        + (reason == null ? "no reason given" : summary(reason)), code != null && code >= 500);
            }
            default -> listener.onTrace(new TraceStep(TraceStep.Kind.REASONING, "Agent step ("
                    + trace.type() + ")", null, Map.of("text", "A kind of trace Glassbox does not show in detail.")));
        }
        return null;
    }

    private void orchestration(OrchestrationTrace trace, AgentListener listener) {
        switch (trace.type()) {
            case RATIONALE -> listener.onTrace(TraceStep.reasoning("The agent's reasoning", trace.rationale().text()));
            case INVOCATION_INPUT -> remember(trace.invocationInput());
            case OBSERVATION -> observe(trace.observation(), listener);
            case MODEL_INVOCATION_INPUT -> {
                if (trace.modelInvocationInput().foundationModel() != null) {
                    foundationModel = trace.modelInvocationInput().foundationModel();
                    if (priceOnTracedModel) {
                        listener.onModel(modelId(foundationModel));
                    }
                }
                lastPrompt = trace.modelInvocationInput().text();
            }
            case MODEL_INVOCATION_OUTPUT -> {
                Usage usage = usage(trace.modelInvocationOutput().metadata());
                listener.onUsage(usage);
                TraceStep step = TraceStep.model(foundationModel, usage, totalMs(trace.modelInvocationOutput().metadata()));
                if (verbose) {
                    step = step.withDetail("prompt", lastPrompt).withDetail("rawResponse",
                            trace.modelInvocationOutput().rawResponse() == null ? null
                                    : trace.modelInvocationOutput().rawResponse().content());
                }
                listener.onTrace(step);
            }
            default -> listener.onTrace(TraceStep.reasoning("Agent orchestration step (" + trace.type() + ")",
                    "A kind of orchestration trace Glassbox does not show in detail."));
        }
    }

    /** The model id of a model ARN such as {@code arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0}. */
    private static String modelId(String model) {
        return model.startsWith("arn:") ? model.substring(model.lastIndexOf('/') + 1) : model;
    }

    private void remember(InvocationInput input) {
        if (input.knowledgeBaseLookupInput() != null) {
            lookups.put(input.traceId(), input.knowledgeBaseLookupInput().text());
        } else if (input.actionGroupInvocationInput() != null) {
            var call = input.actionGroupInvocationInput();
            String target = call.function() != null ? call.function()
                    : (call.verb() == null ? "" : call.verb().toUpperCase() + " ") + call.apiPath();
            String parameters = call.parameters() == null ? "" : call.parameters().stream()
                    .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(", "));
            toolCalls.put(input.traceId(), call.actionGroupName() + " › " + target + "(" + parameters + ")");
        } else {
            toolCalls.put(input.traceId(), String.valueOf(input.invocationTypeAsString()));
        }
    }

    private void observe(Observation observation, AgentListener listener) {
        if (observation.knowledgeBaseLookupOutput() != null) {
            List<Reference> references = new ArrayList<>();
            for (RetrievedReference reference : observation.knowledgeBaseLookupOutput().retrievedReferences()) {
                references.add(reference(reference));
            }
            String query = lookups.remove(observation.traceId());
            listener.onTrace(TraceStep.retrieval(query == null ? "" : query, references,
                    totalMs(observation.knowledgeBaseLookupOutput().metadata())));
        } else if (observation.actionGroupInvocationOutput() != null) {
            tool(observation.traceId(), observation.actionGroupInvocationOutput().text(),
                    totalMs(observation.actionGroupInvocationOutput().metadata()), listener);
        } else if (observation.codeInterpreterInvocationOutput() != null) {
            tool(observation.traceId(), observation.codeInterpreterInvocationOutput().executionOutput(), null, listener);
        } else if (observation.agentCollaboratorInvocationOutput() != null) {
            var output = observation.agentCollaboratorInvocationOutput();
            tool(observation.traceId(), output.output() == null ? null : output.output().text(), null, listener);
        } else if (observation.repromptResponse() != null) {
            listener.onTrace(TraceStep.reasoning("The agent asked for clarification",
                    observation.repromptResponse().text()));
        }
        if (observation.finalResponse() != null) {
            // It repeats the answer the chunks already carry; it only tells that the agent finished.
            reachedTheEnd = true;
        }
    }

    private void tool(String traceId, String output, Long durationMs, AgentListener listener) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("input", toolCalls.getOrDefault(traceId, "unknown"));
        details.put("output", output == null ? "" : summary(output));
        toolCalls.remove(traceId);
        listener.onTrace(new TraceStep(TraceStep.Kind.TOOL, "Called a tool", durationMs, details));
    }

    private void preProcessing(PreProcessingTrace trace, AgentListener listener) {
        if (trace.modelInvocationOutput() == null) {
            return;
        }
        Usage usage = usage(trace.modelInvocationOutput().metadata());
        listener.onUsage(usage);
        var parsed = trace.modelInvocationOutput().parsedResponse();
        Map<String, Object> details = new LinkedHashMap<>();
        if (parsed != null && Boolean.FALSE.equals(parsed.isValid())) {
            reachedTheEnd = true; // the agent answers a rejected question at once
        }
        if (parsed != null) {
            details.put("text", parsed.rationale());
            details.put("valid", parsed.isValid());
        }
        details.put("inputTokens", usage.inputTokens());
        details.put("outputTokens", usage.outputTokens());
        listener.onTrace(new TraceStep(TraceStep.Kind.PREPROCESSING, "Checked the question",
                totalMs(trace.modelInvocationOutput().metadata()), details));
    }

    private void postProcessing(PostProcessingTrace trace, AgentListener listener) {
        reachedTheEnd = true;
        if (trace.modelInvocationOutput() == null) {
            return;
        }
        Usage usage = usage(trace.modelInvocationOutput().metadata());
        listener.onUsage(usage);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("inputTokens", usage.inputTokens());
        details.put("outputTokens", usage.outputTokens());
        listener.onTrace(new TraceStep(TraceStep.Kind.POSTPROCESSING, "Revised the answer",
                totalMs(trace.modelInvocationOutput().metadata()), details));
    }

    private void guardrail(GuardrailTrace trace, AgentListener listener) {
        boolean intervened = trace.action() == GuardrailAction.INTERVENED;
        guardrailIntervened |= intervened;
        reachedTheEnd |= intervened;
        List<String> reasons = new ArrayList<>();
        List<GuardrailAssessment> assessments = new ArrayList<>(trace.inputAssessments());
        assessments.addAll(trace.outputAssessments());
        for (GuardrailAssessment assessment : assessments) {
            if (assessment.topicPolicy() != null) {
                assessment.topicPolicy().topics().forEach(t -> reasons.add("denied topic: " + t.name()));
            }
            if (assessment.contentPolicy() != null) {
                assessment.contentPolicy().filters().forEach(f -> reasons.add("content filter: "
                        + f.typeAsString() + " (" + f.confidenceAsString() + ")"));
            }
            if (assessment.wordPolicy() != null) {
                assessment.wordPolicy().customWords().forEach(w -> reasons.add("blocked word"));
                assessment.wordPolicy().managedWordLists().forEach(w -> reasons.add("managed word list: "
                        + w.typeAsString()));
            }
            if (assessment.sensitiveInformationPolicy() != null) {
                assessment.sensitiveInformationPolicy().piiEntities().forEach(p -> reasons.add("sensitive information: "
                        + p.typeAsString()));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("action", trace.actionAsString());
        details.put("reasons", reasons);
        listener.onTrace(new TraceStep(TraceStep.Kind.GUARDRAIL,
                intervened ? "A guardrail intervened" : "Guardrails checked", null, details));
    }

    static Reference reference(RetrievedReference reference) {
        String uri = reference.location() == null ? null
                : reference.location().s3Location() != null ? reference.location().s3Location().uri()
                : reference.location().typeAsString();
        return KnowledgeReferences.of(uri, reference.content() == null ? null : reference.content().text(), null);
    }

    private static Usage usage(Metadata metadata) {
        if (metadata == null || metadata.usage() == null) {
            return Usage.NONE;
        }
        Integer in = metadata.usage().inputTokens();
        Integer out = metadata.usage().outputTokens();
        return new Usage(in == null ? 0 : in, out == null ? 0 : out);
    }

    private static Long totalMs(Metadata metadata) {
        return metadata == null ? null : metadata.totalTimeMs();
    }

    private static String summary(String text) {
        return text.length() > MAX_SUMMARY_CHARS ? text.substring(0, MAX_SUMMARY_CHARS) + "…" : text;
    }
}

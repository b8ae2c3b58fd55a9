package dev.glassbox.core.bedrock;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTraceAssessment;

/** Why a guardrail intervened in a ConverseStream call, in words for the trace, from its assessments. */
final class GuardrailReasons {

    private GuardrailReasons() {
    }

    static List<String> of(GuardrailTraceAssessment trace) {
        List<String> reasons = new ArrayList<>();
        Stream.concat(trace.inputAssessment().values().stream(),
                        trace.outputAssessments().values().stream().flatMap(List::stream))
                .forEach(assessment -> add(assessment, reasons));
        return reasons;
    }

    private static void add(GuardrailAssessment assessment, List<String> reasons) {
        if (assessment.topicPolicy() != null) {
            assessment.topicPolicy().topics().forEach(t -> reasons.add("denied topic: " + t.name()));
        }
        if (assessment.contentPolicy() != null) {
            assessment.contentPolicy().filters().forEach(f -> reasons.add("content filter: " + f.typeAsString()
                    + " (" + f.confidenceAsString() + ")"));
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
}

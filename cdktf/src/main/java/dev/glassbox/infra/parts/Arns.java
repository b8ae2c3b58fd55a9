package dev.glassbox.infra.parts;

import dev.glassbox.core.cost.ModelIds;
import dev.glassbox.infra.InfraSettings;
import java.util.List;

/** ARNs the policies name, built from settings and the deploying account. */
final class Arns {
    static final String ACCOUNT = "${data.aws_caller_identity.current.account_id}";

    private Arns() {
    }

    /**
     * What invoking {@code modelId} needs: its foundation-model ARN, or for a cross-region inference
     * profile ({@code us.…}, {@code eu.…}, {@code apac.…}, {@code global.…}) the profile and the
     * foundation model in the regions it routes to ({@code *} also matches global's empty region).
     */
    static List<String> model(InfraSettings settings, String modelId) {
        if (ModelIds.profilePrefix(modelId) == null) {
            return List.of("arn:aws:bedrock:" + settings.region() + "::foundation-model/" + modelId);
        }
        return List.of("arn:aws:bedrock:" + settings.region() + ":" + ACCOUNT + ":inference-profile/" + modelId,
                "arn:aws:bedrock:*::foundation-model/" + ModelIds.baseModel(modelId));
    }

    static String logGroup(InfraSettings settings, String name) {
        return "arn:aws:logs:" + settings.region() + ":" + ACCOUNT + ":log-group:" + name + ":*";
    }
}

package dev.glassbox.core.cost;

import java.util.List;

/**
 * Bedrock model ids and the cross-region inference profiles built on them: {@code eu.amazon.nova-lite-v1:0}
 * routes {@code amazon.nova-lite-v1:0} within a geography ({@code global.} anywhere). Outside
 * us-east-1 these profile ids are often the only way to call a model.
 */
public final class ModelIds {
    /** The geography prefixes Bedrock's system-defined inference profiles use. */
    public static final List<String> PROFILE_PREFIXES = List.of("us.", "eu.", "apac.", "global.", "us-gov.",
            "jp.", "au.", "ca.");

    private ModelIds() {
    }

    /** The profile's prefix (for example {@code "eu."}), or null for a plain foundation-model id. */
    public static String profilePrefix(String modelId) {
        return PROFILE_PREFIXES.stream().filter(modelId::startsWith).findFirst().orElse(null);
    }

    /** The foundation model a profile routes to; a plain model id is its own base. */
    public static String baseModel(String modelId) {
        String prefix = profilePrefix(modelId);
        return prefix == null ? modelId : modelId.substring(prefix.length());
    }
}

package dev.glassbox.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * On-demand prices per model, in USD per million tokens, to turn usage into {@code done.costUsd}.
 * The shipped table is {@code prices.json} beside this class; each entry records its source and date.
 */
public final class PriceTable {
    private static final String RESOURCE = "prices.json";

    public record Price(double inputPerMillion, double outputPerMillion) {
    }

    private final Map<String, Price> prices;

    public PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The table shipped with Glassbox. */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Map<String, Price> prices = new HashMap<>();
            for (JsonNode entry : new ObjectMapper().readTree(in).path("models")) {
                prices.put(entry.path("model").asText(), new Price(
                        entry.path("inputPerMillion").asDouble(), entry.path("outputPerMillion").asDouble()));
            }
            return new PriceTable(prices);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The cost of {@code usage} on {@code model}, or null when the model's price is unknown. */
    public Double costUsd(String model, Usage usage) {
        Price price = prices.get(model);
        if (price == null) {
            return null;
        }
        return (usage.inputTokens() * price.inputPerMillion() + usage.outputTokens() * price.outputPerMillion())
                / 1_000_000.0;
    }
}

package dev.glassbox.core.cost;

import dev.glassbox.core.agent.Usage;
import java.util.Map;

/** On-demand prices per model, in USD per million tokens, to turn usage into {@code done.costUsd}. */
public final class PriceTable {

    public record Price(double inputPerMillion, double outputPerMillion) {
    }

    private final Map<String, Price> prices;

    public PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * The local composer is free; Bedrock on-demand list prices (us-east-1, as published in 2025) for the
     * models the cloud backends are configured with.
     */
    public static PriceTable defaults() {
        return new PriceTable(Map.of(
                "extractive-composer", new Price(0, 0),
                "amazon.nova-micro-v1:0", new Price(0.035, 0.14),
                "amazon.nova-lite-v1:0", new Price(0.06, 0.24),
                "amazon.nova-pro-v1:0", new Price(0.80, 3.20),
                "anthropic.claude-3-5-haiku-20241022-v1:0", new Price(0.80, 4.00),
                "anthropic.claude-sonnet-4-20250514-v1:0", new Price(3.00, 15.00)));
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

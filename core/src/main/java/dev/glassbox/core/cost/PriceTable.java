package dev.glassbox.core.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glassbox.core.agent.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * On-demand prices per model, in USD per million tokens, to turn usage into {@code done.costUsd}.
 * The shipped table is {@code prices.json} beside this class; each entry records its source and date.
 * A cross-region inference profile ({@code us.}, {@code eu.}, {@code apac.}, {@code global.}, …)
 * without its own entry costs what its foundation model costs (AWS bills profiles at the source
 * region's on-demand price).
 */
public final class PriceTable {
    private static final String RESOURCE = "prices.json";
    /** A price taken longer ago than this may no longer be what the provider bills. */
    public static final int FRESH_DAYS = 180;

    public record Price(double inputPerMillion, double outputPerMillion) {
    }

    private final Map<String, Price> prices;
    private final Map<String, LocalDate> asOf;

    public PriceTable(Map<String, Price> prices) {
        this(prices, Map.of());
    }

    /** @param asOf the date each model's price was taken */
    public PriceTable(Map<String, Price> prices, Map<String, LocalDate> asOf) {
        this.prices = Map.copyOf(prices);
        this.asOf = Map.copyOf(asOf);
    }

    /** The table shipped with Glassbox. */
    public static PriceTable defaults() {
        try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            Map<String, Price> prices = new HashMap<>();
            Map<String, LocalDate> asOf = new HashMap<>();
            for (JsonNode entry : new ObjectMapper().readTree(in).path("models")) {
                String model = entry.path("model").asText();
                prices.put(model, new Price(
                        entry.path("inputPerMillion").asDouble(), entry.path("outputPerMillion").asDouble()));
                try {
                    asOf.put(model, LocalDate.parse(entry.path("asOf").asText()));
                } catch (DateTimeParseException e) {
                    throw new IllegalStateException(RESOURCE + ": the price of " + model
                            + " needs an \"asOf\" date (YYYY-MM-DD)", e);
                }
            }
            return new PriceTable(prices, asOf);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The date {@code model}'s price was taken, or null when it is not known. */
    public LocalDate asOf(String model) {
        LocalDate date = asOf.get(model);
        return date != null || model == null ? date : asOf.get(ModelIds.baseModel(model));
    }

    /** Whether a price taken on {@code asOf} is more than {@link #FRESH_DAYS} old on {@code today}. */
    public static boolean isStale(LocalDate asOf, LocalDate today) {
        return asOf != null && asOf.plusDays(FRESH_DAYS).isBefore(today);
    }

    /** Whether answers from {@code model} can be counted against a budget. */
    public boolean prices(String model) {
        return model != null && price(model) != null;
    }

    private Price price(String model) {
        Price price = prices.get(model);
        return price != null ? price : prices.get(ModelIds.baseModel(model));
    }

    /** The cost of {@code usage} on {@code model}, or null when the model's price is unknown. */
    public Double costUsd(String model, Usage usage) {
        Price price = price(model);
        if (price == null) {
            return null;
        }
        return (usage.inputTokens() * price.inputPerMillion() + usage.outputTokens() * price.outputPerMillion())
                / 1_000_000.0;
    }
}

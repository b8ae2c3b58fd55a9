package dev.glassbox.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.glassbox.core.agent.Usage;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PriceTableTest {
    private final PriceTable prices = PriceTable.defaults();

    @Test
    void pricesUsagePerMillionTokens() {
        assertThat(prices.costUsd("amazon.nova-lite-v1:0", new Usage(2_000, 300))).isCloseTo(0.000192, within(1e-12));
        assertThat(prices.costUsd("anthropic.claude-3-5-haiku-20241022-v1:0", new Usage(2_000, 300)))
                .isCloseTo(0.0028, within(1e-12));
        assertThat(prices.costUsd("extractive-composer", new Usage(500, 80))).isZero();
    }

    @Test
    void crossRegionInferenceProfilesCostTheSameAsTheirModel() {
        Usage usage = new Usage(12_345, 678);
        assertThat(prices.costUsd("us.amazon.nova-lite-v1:0", usage)).isEqualTo(prices.costUsd("amazon.nova-lite-v1:0", usage));
    }

    @Test
    void everyGeographysProfileIsPricedAsItsModel() {
        Usage usage = new Usage(2_000, 300);
        for (String prefix : new String[] {"eu.", "apac.", "global.", "us."}) {
            assertThat(prices.costUsd(prefix + "anthropic.claude-sonnet-4-20250514-v1:0", usage)).as(prefix)
                    .isEqualTo(prices.costUsd("anthropic.claude-sonnet-4-20250514-v1:0", usage));
            assertThat(prices.prices(prefix + "amazon.nova-micro-v1:0")).as(prefix).isTrue();
        }
    }

    @Test
    void anUnknownModelHasNoPrice() {
        assertThat(prices.costUsd("mystery-model", new Usage(1, 1))).isNull();
        assertThat(prices.asOf("mystery-model")).isNull();
        assertThat(prices.costUsd("eu.mystery-model", new Usage(1, 1))).isNull();
        assertThat(prices.prices("eu.mystery-model")).isFalse();
        assertThat(prices.prices(null)).isFalse();
    }

    @Test
    void everyPriceSaysWhenItWasTaken() {
        assertThat(prices.asOf("extractive-composer")).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(prices.asOf("amazon.nova-lite-v1:0")).isNotNull();
        assertThat(prices.asOf("eu.amazon.nova-lite-v1:0")).as("a profile's price is its model's")
                .isEqualTo(prices.asOf("amazon.nova-lite-v1:0"));
    }

    @Test
    void aPriceIsStaleAfter180Days() {
        LocalDate taken = LocalDate.of(2026, 1, 10);
        assertThat(PriceTable.isStale(taken, taken.plusDays(180))).isFalse();
        assertThat(PriceTable.isStale(taken, taken.plusDays(181))).isTrue();
        assertThat(PriceTable.isStale(null, taken.plusDays(1_000))).as("no date, nothing to warn about").isFalse();
    }
}

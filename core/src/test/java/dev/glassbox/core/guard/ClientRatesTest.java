package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientRatesTest {

    @Test
    void eachClientHasItsOwnBucketAndRefilledOnesAreForgotten() {
        ClientRates rates = new ClientRates(2, 1_000);
        assertThat(rates.tryTake("10.0.0.1", 0)).isZero();
        assertThat(rates.tryTake("10.0.0.1", 0)).isZero();
        assertThat(rates.tryTake("10.0.0.1", 0)).isEqualTo(1_000);
        assertThat(rates.tryTake("10.0.0.2", 0)).as("another client is not affected").isZero();
        rates.forgetIdle(1_500);
        assertThat(rates.size()).as("10.0.0.1 still refilling").isEqualTo(1);
        rates.forgetIdle(5_000);
        assertThat(rates.size()).isZero();
    }
}

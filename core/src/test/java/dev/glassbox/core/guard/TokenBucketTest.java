package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void allowsABurstThenOneActionPerRefillInterval() {
        TokenBucket bucket = new TokenBucket(3, 1_000, 0);
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isEqualTo(1_000);
        assertThat(bucket.tryTake(400)).isEqualTo(600);
        assertThat(bucket.tryTake(1_000)).isZero();
        assertThat(bucket.tryTake(1_000)).isEqualTo(1_000);
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(2, 100, 0);
        bucket.tryTake(0);
        assertThat(bucket.tryTake(1_000_000)).isZero();
        assertThat(bucket.tryTake(1_000_000)).isZero();
        assertThat(bucket.tryTake(1_000_000)).isPositive();
    }
}

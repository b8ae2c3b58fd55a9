package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    @Test
    void theFirstTimeLogsThenNothingWithinTheIntervalAndTheNextLineCountsWhatWasHeldBack() throws Exception {
        LogThrottle throttle = new LogThrottle(Duration.ofMillis(200));
        assertThat(throttle.due(1)).isEqualTo(1);
        assertThat(throttle.due(1)).isZero();
        assertThat(throttle.due(3)).isZero();
        Thread.sleep(250);
        assertThat(throttle.due(1)).isEqualTo(5);
        assertThat(throttle.due(1)).isZero();
    }
}

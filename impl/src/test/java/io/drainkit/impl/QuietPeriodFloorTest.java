// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quiet period's floor: derived from the readiness probe and the propagation, or set, and checked. */
class QuietPeriodFloorTest {

    private static DrainSettings read(String... keyValues) {
        return DrainSettingsTest.read(keyValues);
    }

    /** Verifies that the floor is probe period x failure threshold + propagation. */
    @Test
    void floorIsDerivedFromTheProbeAndThePropagation() {
        DrainSettings settings = read(
                "drainkit.delay.quiet-period",
                "1s",
                "drainkit.probe.period",
                "2s",
                "drainkit.probe.failure-threshold",
                "3",
                "drainkit.propagation",
                "1500ms");

        assertThat(settings.minDelay()).isEqualTo(Duration.ofMillis(7_500));
    }

    /** Verifies that a load balancer that probes the pod itself may have no propagation. */
    @Test
    void propagationMayBeZero() {
        assertThat(read(
                                "drainkit.delay.quiet-period",
                                "1s",
                                "drainkit.probe.period",
                                "500ms",
                                "drainkit.probe.failure-threshold",
                                "2",
                                "drainkit.propagation",
                                "0")
                        .minDelay())
                .isEqualTo(Duration.ofSeconds(1));
    }

    /** Verifies that an explicit drainkit.delay.min overrides the derived floor. */
    @Test
    void explicitMinimumOverridesTheDerivedFloor() {
        assertThat(read("drainkit.delay.quiet-period", "1s", "drainkit.delay.min", "4s")
                        .minDelay())
                .isEqualTo(Duration.ofSeconds(4));
    }

    /**
     * Verifies that a quiet period with the default floor (32s) and the default delay (10s) fails, naming each key,
     * its value and what to do: the quiet period could never end the delay early.
     */
    @Test
    void quietPeriodWithADerivedFloorNotBeforeTheDelayFails() {
        assertThatThrownBy(() -> read("drainkit.delay.quiet-period", "1s"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("drainkit.probe.period (10s) x drainkit.probe.failure-threshold (3)"
                        + " + drainkit.propagation (2s) = 32s")
                .hasMessageContaining("not shorter than drainkit.delay (10s)")
                .hasMessageContaining("periodSeconds and failureThreshold")
                .hasMessageContaining("raise drainkit.delay above 32s")
                .hasMessageContaining("remove drainkit.delay.quiet-period");
    }

    /** Verifies that an explicit floor as long as the delay fails with a quiet period, saying what to lower. */
    @Test
    void quietPeriodWithAnExplicitFloorAsLongAsTheDelayFails() {
        assertThatThrownBy(() -> read("drainkit.delay.quiet-period", "1s", "drainkit.delay.min", "10s"))
                .hasMessageContaining("drainkit.delay.min='10s' is not shorter than drainkit.delay (10s)")
                .hasMessageContaining("lower drainkit.delay.min below 10s");
    }

    /** Verifies that without a quiet period the floor is not checked against the delay: nothing changes. */
    @Test
    void withoutAQuietPeriodTheDerivedFloorIsNotChecked() {
        assertThat(read("drainkit.delay", "3s").minDelay()).isEqualTo(Duration.ofSeconds(32));
    }

    /** Verifies that the new keys reject what they cannot mean, each with its key, value and what is accepted. */
    @ParameterizedTest
    @CsvSource({
        "drainkit.probe.period, 0, drainkit.probe.period='0s' is not valid: expected a duration longer than 0",
        "drainkit.probe.period, ten, drainkit.probe.period='ten' is not valid: expected a duration",
        "drainkit.probe.failure-threshold, 0, drainkit.probe.failure-threshold='0' is not valid: expected a whole"
                + " number",
        "drainkit.probe.failure-threshold, 2.5, drainkit.probe.failure-threshold='2.5' is not valid",
        "drainkit.probe.failure-threshold, -1, drainkit.probe.failure-threshold='-1' is not valid",
        "drainkit.propagation, -1s, drainkit.propagation='-1s' is not valid: expected a duration"
    })
    void invalidFloorSettingsFail(String key, String value, String message) {
        assertThatThrownBy(() -> read(key, value))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining(message);
    }
}

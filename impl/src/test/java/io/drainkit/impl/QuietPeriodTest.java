// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The quiet period's evidence, with time given by hand. */
class QuietPeriodTest {

    /**
     * Verifies that a request admitted as the drain is published, before the schedule has started, records no gap:
     * measured from nothing, it used to be as long as the JVM's uptime, and no silence could ever end the delay.
     */
    @Test
    void anAdmissionBeforeTheStartRecordsNoGap() {
        QuietPeriod quiet = new QuietPeriod(Duration.ofSeconds(1));
        long trigger = 5_000_000_000_000L;

        quiet.admitted(trigger + 1_000_000);
        quiet.started(trigger);
        quiet.admitted(trigger + 101_000_000);

        assertThat(quiet.silenceLeft(trigger + 1_101_000_000))
                .as("after 1 s of silence")
                .isLessThanOrEqualTo(0);
    }

    /** Verifies that the silence must outlast twice the longest gap seen since the trigger. */
    @Test
    void theSilenceMustOutlastTwiceTheLongestGap() {
        QuietPeriod quiet = new QuietPeriod(Duration.ofSeconds(1));
        quiet.started(0);
        quiet.admitted(1_500_000_000L);

        assertThat(quiet.silenceLeft(1_500_000_000L + 2_999_000_000L)).isPositive();
        assertThat(quiet.silenceLeft(1_500_000_000L + 3_000_000_000L)).isLessThanOrEqualTo(0);
    }
}

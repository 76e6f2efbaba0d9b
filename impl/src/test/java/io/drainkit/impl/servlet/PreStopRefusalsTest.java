// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.drainkit.impl.servlet.PreStopRefusals.Reason;

/** The log of refused preStop calls, with time moved by hand. */
class PreStopRefusalsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);

    private final List<String> lines = new ArrayList<>();
    private long nanos = 42;
    private final PreStopRefusals refusals = new PreStopRefusals(
            () -> nanos,
            INTERVAL,
            (count, first, reason, address) -> lines.add(count + " " + first + " " + reason.name() + " " + address));

    /** Verifies that the first refusal is logged at once and a flood within the interval adds no line. */
    @Test
    void firstRefusalIsLoggedAndAFloodIsNot() {
        refusals.refused(Reason.NO_TOKEN, "10.0.0.1");
        for (int i = 0; i < 997; i++) {
            nanos += 1_000_000;
            refusals.refused(Reason.WRONG_TOKEN, "10.0.0.2");
        }

        assertThat(lines).containsExactly("1 true NO_TOKEN 10.0.0.1");
    }

    /** Verifies that after the interval one line counts every refusal since the last line, with the last reason. */
    @Test
    void afterTheIntervalOneLineCountsTheRefusalsSince() {
        refusals.refused(Reason.NO_TOKEN, "10.0.0.1");
        for (int i = 0; i < 10; i++) {
            nanos += INTERVAL.toNanos() / 20;
            refusals.refused(Reason.WRONG_TOKEN, "10.0.0.2");
        }
        nanos += INTERVAL.toNanos() / 2;
        refusals.refused(Reason.SEVERAL_TOKENS, "10.0.0.3");
        nanos += 1;
        refusals.refused(Reason.NO_TOKEN, "10.0.0.4");

        assertThat(lines).containsExactly("1 true NO_TOKEN 10.0.0.1", "11 false SEVERAL_TOKENS 10.0.0.3");
    }

    /** Verifies that a refusal long after the last line is logged at once, counting only itself. */
    @Test
    void aLoneRefusalAfterAQuietIntervalIsLoggedAtOnce() {
        refusals.refused(Reason.NO_TOKEN, "10.0.0.1");
        nanos += INTERVAL.toNanos() * 3;
        refusals.refused(Reason.WRONG_TOKEN, "10.0.0.2");

        assertThat(lines).containsExactly("1 true NO_TOKEN 10.0.0.1", "1 false WRONG_TOKEN 10.0.0.2");
    }
}

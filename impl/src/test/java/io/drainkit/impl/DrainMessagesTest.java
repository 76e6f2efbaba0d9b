// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;
import io.drainkit.WorkCount;

/** The messages as an operator reads them: formatted by the logging system, parameters and punctuation intact. */
class DrainMessagesTest {

    /**
     * Verifies that the deadline's summary keeps its apostrophe ("the pod's terminationGracePeriodSeconds"): in a
     * message with parameters a single quote starts a quoted section, and the word went missing.
     */
    @Test
    void theDeadlinesSummaryReadsAsWritten() {
        List<String> lines =
                logged(() -> DrainMessages.drainCompleted(report(Duration.ofSeconds(25), 7, 2, List.of())));

        assertThat(lines).anySatisfy(line -> assertThat(line)
                .startsWith("DRAINKIT-0003 Drain ended at the deadline")
                .contains(
                        "2 still in flight and cut",
                        "raise drainkit.timeout (and the pod's"
                                + " terminationGracePeriodSeconds) or make them end sooner"));
    }

    /** Verifies that the summary counts each kind of work when the drain saw more than requests, and only then. */
    @Test
    void theSummaryCountsEachKind() {
        List<WorkCount> work = List.of(new WorkCount(InFlightWork.REQUEST, 7, 0), new WorkCount("timer", 1, 1));
        List<String> lines = logged(() -> {
            DrainMessages.drainCompleted(report(Duration.ofSeconds(25), 7, 1, work));
            DrainMessages.drainCompleted(report(Duration.ofSeconds(12), 3, 0, work.subList(0, 1)));
        });

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).endsWith("[request: 7 served, timer: 1 served, 1 cut]");
        assertThat(lines.get(1)).endsWith("3 request(s) served, none in flight");
    }

    /** Verifies that the skipped timer's line keeps its apostrophe and names the timer. */
    @Test
    void theSkippedTimerReadsAsWritten() {
        List<String> lines = logged(() -> DrainMessages.lateWorkSkipped("timer", "OrderSweep.sweep"));

        assertThat(lines)
                .containsExactly("DRAINKIT-0030 Skipped the timer OrderSweep.sweep: it began after the"
                        + " drain's delay (@Drained(late = SKIP)); further skips of it in this drain are not logged");
    }

    /** @return a preStop drain's report with a 10 s delay, ended at the deadline if anything was cut */
    private static DrainReport report(Duration took, long served, int cut, List<WorkCount> work) {
        return new DrainReport(
                DrainTrigger.PRESTOP,
                Instant.now(),
                took,
                Duration.ofSeconds(10),
                served,
                cut,
                cut > 0,
                List.of(),
                work,
                List.of());
    }

    private static List<String> logged(Runnable logging) {
        try (CapturedLog log = CapturedLog.start()) {
            logging.run();
            return log.lines();
        }
    }
}

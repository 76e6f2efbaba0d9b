// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.drainkit.proof.DrainReportJson;

/**
 * What one step of the rolling restart did to one instance: the preStop call's answer, what the example said it left
 * at the end of the delay, the old instance's exit and the new one's start.
 *
 * @param slot              the HAProxy server the instance was ({@code a}, {@code b})
 * @param removedSeconds    when HAProxy marked it DOWN, from the preStop call
 * @param preStopStatus     the preStop call's HTTP status
 * @param report            the drain report it answered with
 * @param atDelayEnd        the example's line at the end of the delay, or {@code "none"}
 * @param exit              the old instance's exit status after SIGTERM, if it exited
 * @param replacedSeconds   from the preStop call until the new instance was UP in HAProxy
 */
record PodReplacement(
        String slot,
        double removedSeconds,
        int preStopStatus,
        DrainReportJson report,
        String atDelayEnd,
        OptionalInt exit,
        double replacedSeconds) {

    /** The example's line when DrainKit's delay ends ({@code QueueBacklog}). */
    static final Pattern AT_DELAY_END =
            Pattern.compile("Orders at the end of the delay: (\\d+) being processed, (\\d+) waiting in the queue");

    private static final Pattern CALLS = Pattern.compile("\\{\"kind\":\"call\",\"served\":(\\d+)");

    /** @return the orders being processed when the delay ended, or -1 if the example did not say */
    int processingAtDelayEnd() {
        return group(1);
    }

    /** @return the orders waiting in the queue when the delay ended, or -1 if the example did not say */
    int waitingAtDelayEnd() {
        return group(2);
    }

    /** @return the MDB calls ({@code @Drained}, kind {@code call}) the drain saw complete, or -1 if none is reported */
    long callsServed() {
        Matcher match = CALLS.matcher(report.json());
        return match.find() ? Long.parseLong(match.group(1)) : -1;
    }

    /** @return one line of figures */
    String figures() {
        return "%s: HAProxy DOWN after %.2f s; preStop %d, %s, delay %d ms, %d MDB call(s) completed during the drain;"
                        .formatted(
                                slot,
                                removedSeconds,
                                preStopStatus,
                                report.text("status").orElse("?"),
                                report.number("delayMs"),
                                callsServed())
                + " at the end of the delay %d being processed, %d waiting; drain %d ms; exit %s; new instance UP after %.1f s"
                        .formatted(
                                processingAtDelayEnd(),
                                waitingAtDelayEnd(),
                                report.number("durationMs"),
                                exit.isPresent() ? String.valueOf(exit.getAsInt()) : "none",
                                replacedSeconds);
    }

    private int group(int group) {
        Matcher match = AT_DELAY_END.matcher(atDelayEnd);
        return match.find() ? Integer.parseInt(match.group(group)) : -1;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import java.time.Duration;

import io.drainkit.Drain;
import io.drainkit.DrainReport;

/**
 * What a Jetty graceful stop that timed out cut, told from DrainKit's counts. Jetty waits for every connection, also
 * those that never became a request (a client that never finished its request headers, as a slowloris does, holds its
 * connection open); DrainKit counts requests, from the moment the application admits them. So only DrainKit can say
 * whether requests were cut: those still in flight at its drain's deadline, or admitted after the drain and still
 * running when Jetty's stop began.
 *
 * @param requestsCut whether requests DrainKit admitted were cut: the shutdown was not clean
 * @param message     what happened, for the log
 */
record JettyStopTimeout(boolean requestsCut, String message) {

    /**
     * @param drain         the application's drain, {@code null} when DrainKit is disabled (then nothing tells
     *                      requests from connections, and a timeout counts as requests cut)
     * @param runningAtStop what {@link Drain#inFlight()} said when Jetty's stop began: read before, since the stop
     *                      ends the requests it cuts, and DrainKit counts them out
     * @param timeout       Jetty's stop timeout
     * @return the verdict
     */
    static JettyStopTimeout after(Drain drain, int runningAtStop, Duration timeout) {
        String timedOut = "Jetty's graceful stop timed out after " + timeout.toSeconds() + " s";
        if (drain == null) {
            return new JettyStopTimeout(
                    true,
                    timedOut + ": requests or connections still open were cut"
                            + " (DrainKit is disabled, so nothing tells them apart)");
        }
        int cutAtDeadline = drain.report()
                .filter(DrainReport::deadlineReached)
                .map(DrainReport::inFlightAtEnd)
                .orElse(0);
        if (runningAtStop == 0 && cutAtDeadline == 0) {
            return new JettyStopTimeout(
                    false,
                    timedOut + " on connections that never became requests (request"
                            + " headers never finished, or idle): closed them; DrainKit's drain was clean and no request it"
                            + " admitted was running");
        }
        return new JettyStopTimeout(
                true,
                timedOut + ": " + runningAtStop + " request(s) DrainKit admitted were"
                        + " still running when it began, and were cut"
                        + (cutAtDeadline > 0
                                ? " (" + cutAtDeadline + " in flight at the" + " drain's deadline)"
                                : " (admitted after the drain)"));
    }
}

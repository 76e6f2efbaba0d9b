// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.time.Duration;
import java.time.Instant;

/**
 * CDI event fired once when a drain's delay is over: load balancers have had their time to stop sending, and
 * DrainKit now waits for the requests in flight. A good moment to end long-lived connections (WebSocket
 * sessions, server-sent event streams) that {@link DrainStarted} did not already close.
 *
 * <p>Observers are notified on a DrainKit thread, in order after {@link DrainStarted}; an observer that throws
 * or blocks does not delay or break the drain.
 *
 * @param endedAt  when the delay ended
 * @param delay    how long it lasted: the configured delay, or less when {@code drainkit.delay.quiet-period}
 *                 ended it early
 * @param inFlight requests in flight at that moment
 * @since 0.1
 */
public record DrainDelayEnded(Instant endedAt, Duration delay, int inFlight) {}

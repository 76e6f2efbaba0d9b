// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.time.Duration;
import java.time.Instant;

/**
 * CDI event fired once when a drain starts: readiness is DOWN from now on. Observe it with
 * {@code @Observes} or {@code @ObservesAsync}, for example to tell long-lived connections to go.
 *
 * <p>Observers are notified on a DrainKit thread, after the state changed to {@link DrainState#DRAINING};
 * an observer that throws or blocks does not delay or break the drain.
 *
 * @param trigger   what started the drain
 * @param startedAt when it was triggered
 * @param delay     how long the application keeps serving before it waits for in-flight requests
 * @param deadline  when the drain ends at the latest, whatever is still in flight
 * @since 0.1
 */
public record DrainStarted(DrainTrigger trigger, Instant startedAt, Duration delay, Instant deadline) {}

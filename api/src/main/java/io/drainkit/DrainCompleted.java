// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

/**
 * CDI event fired once when a drain has ended, carrying its report. Observe it with {@code @Observes}
 * or {@code @ObservesAsync}.
 *
 * <p>Observers are notified on a DrainKit thread after whoever waited for the drain was released; an
 * observer that throws or blocks does not delay the shutdown. During a container shutdown the
 * notification gets a short grace time before the container goes on, so keep observers short.
 *
 * @param report what happened during the drain
 * @since 0.1
 */
public record DrainCompleted(DrainReport report) {}

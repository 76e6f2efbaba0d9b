// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

/**
 * One unit of work in flight, from {@link Drain#track(String, String)} until {@link #close()}: a drain waits for it as
 * for an HTTP request, up to the same deadline, and a report cut at the deadline names it by its kind and name.
 *
 * <p>Thread-safe: it may be closed on another thread than the one that opened it.
 *
 * @since 0.1
 */
public interface WorkInFlight extends AutoCloseable {

    /** Ends the unit: counts it out. Idempotent: only the first call counts. */
    @Override
    void close();
}

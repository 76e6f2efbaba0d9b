// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Logs refused preStop calls without letting anyone who can reach the port fill the log: the first refusal is
 * logged at once, later ones at most once per interval, as one line with how many were refused since the last line
 * and the last one's reason and address. Refusals after the last line stay uncounted in the log until the next one
 * arrives after the interval.
 *
 * <p>Thread-safe. Takes a lock, which only refused calls reach: the endpoint's callers with the right token, and
 * every other request, never touch it.
 */
final class PreStopRefusals {

    /** At most one line per this interval, after the first. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final Log log;
    private boolean loggedAny;
    private long lastLineNanos;
    private long refusedSinceLastLine;

    /**
     * @param nanoTime monotonic time, as {@link System#nanoTime()}
     * @param interval the least time between two lines
     * @param log      where the lines go
     */
    PreStopRefusals(LongSupplier nanoTime, Duration interval, Log log) {
        this.nanoTime = nanoTime;
        this.intervalNanos = interval.toNanos();
        this.log = log;
    }

    /**
     * Counts one refused call and logs it if the interval allows.
     *
     * @param reason        why it was refused
     * @param remoteAddress where it came from
     */
    synchronized void refused(Reason reason, String remoteAddress) {
        long now = nanoTime.getAsLong();
        refusedSinceLastLine++;
        if (!loggedAny || now - lastLineNanos >= intervalNanos) {
            log.refused(refusedSinceLastLine, !loggedAny, reason, remoteAddress);
            loggedAny = true;
            lastLineNanos = now;
            refusedSinceLastLine = 0;
        }
    }

    /** Why a preStop call was refused, as the log line says it. */
    enum Reason {
        NO_TOKEN("no X-DrainKit-Token header"),
        WRONG_TOKEN("wrong X-DrainKit-Token"),
        SEVERAL_TOKENS("X-DrainKit-Token sent more than once");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Writes a line about refused calls. */
    @FunctionalInterface
    interface Log {
        /**
         * @param count         refused calls this line reports: 1 for the first line, else all since the last line
         * @param first         whether this is the first refusal of the application
         * @param lastReason    the reason of the last of them
         * @param lastAddress   the address of the last of them
         */
        void refused(long count, boolean first, Reason lastReason, String lastAddress);
    }
}

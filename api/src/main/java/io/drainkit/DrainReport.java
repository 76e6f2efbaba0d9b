package io.drainkit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened during one drain. Immutable and safe to share between threads.
 *
 * @param trigger         what started the drain
 * @param startedAt       when the drain was triggered
 * @param duration        from the trigger to the end of the drain
 * @param delay           how long the application kept serving with readiness DOWN before it waited for the
 *                        requests in flight: the configured delay, or less when a quiet period ended it early
 * @param requestsServed  requests that completed between the trigger and the end of the drain
 * @param inFlightAtEnd   requests still running when the drain ended (0 unless the deadline cut it)
 * @param deadlineReached {@code true} if the drain ended because its deadline passed with requests in flight
 * @param stillInFlight   the longest-running requests still in flight at the deadline, at most
 *                        {@value #MAX_LISTED_REQUESTS}: those admitted before the drain started first, then the
 *                        others, oldest first; empty when nothing was cut
 * @since 0.1
 */
public record DrainReport(
        DrainTrigger trigger,
        Instant startedAt,
        Duration duration,
        Duration delay,
        long requestsServed,
        int inFlightAtEnd,
        boolean deadlineReached,
        List<InFlightRequest> stillInFlight) {

    /** The most requests a report lists in {@link #stillInFlight()}. */
    public static final int MAX_LISTED_REQUESTS = 10;

    /**
     * Checks the components and makes {@code stillInFlight} an unmodifiable copy.
     */
    public DrainReport {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(delay, "delay");
        stillInFlight = List.copyOf(stillInFlight);
    }
}

package io.drainkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A request that was still running when a drain's deadline passed.
 *
 * <p>DrainKit reads no clock for the requests it admits while the application serves, so that counting them costs
 * next to nothing; it notes the admission time only of requests admitted while draining. A request admitted before
 * the drain started is therefore reported with the time since the trigger: it had been running at least that long.
 *
 * @param method              the HTTP method, for example {@code GET}
 * @param path                the request URI without the query string
 * @param age                 how long the request had been running at the deadline; when
 *                            {@code admittedBeforeDrain}, at least this long (the time since the trigger)
 * @param admittedBeforeDrain {@code true} if the request was admitted before the drain started (or as it started)
 * @since 0.1
 */
public record InFlightRequest(String method, String path, Duration age, boolean admittedBeforeDrain) {

    /**
     * Checks that no component is {@code null}.
     */
    public InFlightRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(age, "age");
    }
}

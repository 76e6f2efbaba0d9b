package io.drainkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A request that was still running when a drain's deadline passed.
 *
 * @param method the HTTP method, for example {@code GET}
 * @param path   the request URI without the query string
 * @param age    how long the request had been running at the deadline
 * @since 0.1
 */
public record InFlightRequest(String method, String path, Duration age) {

    /**
     * Checks that no component is {@code null}.
     */
    public InFlightRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(age, "age");
    }
}

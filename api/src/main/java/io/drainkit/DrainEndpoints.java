// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

/**
 * DrainKit's HTTP endpoints and the header its preStop endpoint reads, as a Kubernetes manifest, a load balancer's
 * health check or a test names them. Paths are relative to the application's context path.
 *
 * @since 0.1
 */
public final class DrainEndpoints {

    /** {@code GET}: 200 {@code {"status":"UP"}} while serving, 503 {@code {"status":"DOWN"}} from the trigger on. */
    public static final String READINESS_PATH = "/drainkit/ready";

    /** Where the preStop endpoint is served unless {@code drainkit.prestop.path} says otherwise. */
    public static final String DEFAULT_PRESTOP_PATH = "/drainkit/prestop";

    /** The request header that carries the preStop token, exactly once. */
    public static final String TOKEN_HEADER = "X-DrainKit-Token";

    private DrainEndpoints() {}
}

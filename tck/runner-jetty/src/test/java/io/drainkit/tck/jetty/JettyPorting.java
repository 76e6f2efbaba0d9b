// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.jetty;

import java.net.URI;
import java.util.Optional;

import io.drainkit.tck.spi.DrainKitPorting;

/**
 * Embedded Jetty has no server-wide MicroProfile Health: each test WAR serves its own readiness at
 * {@code health/ready} below its context path ({@link HealthReadinessServlet}).
 */
public final class JettyPorting implements DrainKitPorting {

    @Override
    public Optional<URI> healthReadiness(URI base) {
        return Optional.of(base.resolve("health/ready"));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.payara.server;

import java.net.URI;
import java.util.Optional;

import io.drainkit.tck.spi.DrainKitPorting;

/**
 * Payara Server serves MicroProfile Health server-wide, on the HTTP listener that serves the deployments:
 * {@code /health/ready}, without authentication. Every application deployed in the domain has its check there
 * ({@code drainkit:<context path>}); the TCK undeploys each test class's WARs before the next class deploys its own.
 */
public final class PayaraServerPorting implements DrainKitPorting {

    @Override
    public Optional<URI> healthReadiness(URI base) {
        return Optional.of(base.resolve("/health/ready"));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.payara;

import java.net.URI;
import java.util.Optional;

import io.drainkit.tck.spi.DrainKitPorting;

/**
 * Payara Micro serves MicroProfile Health server-wide, on the HTTP port: {@code /health/ready}. Each TCK deployment
 * runs in a Payara Micro of its own, so that endpoint lists exactly that deployment's checks.
 */
public final class PayaraPorting implements DrainKitPorting {

    @Override
    public Optional<URI> healthReadiness(URI base) {
        return Optional.of(base.resolve("/health/ready"));
    }
}

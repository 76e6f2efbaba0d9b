// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.liberty;

import java.net.URI;
import java.util.Optional;

import io.drainkit.tck.spi.DrainKitPorting;

/**
 * Open Liberty serves MicroProfile Health (feature {@code mpHealth-4.0}) server-wide on the HTTP port, at
 * {@code /health/ready}, aggregating the checks of every application it runs.
 */
public final class LibertyPorting implements DrainKitPorting {

    @Override
    public Optional<URI> healthReadiness(URI base) {
        return Optional.of(base.resolve("/health/ready"));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.spi;

import java.net.URI;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * What a runtime tells the TCK about itself. Implement it in the runtime's test suite and register it in
 * {@code META-INF/services/io.drainkit.tck.spi.DrainKitPorting}; without one, the TCK uses the defaults
 * below: drains are triggered through the preStop endpoint, and MicroProfile Health is not checked.
 *
 * @since 0.1
 */
public interface DrainKitPorting {

    /**
     * The runtime's MicroProfile Health readiness endpoint that serves the deployment at {@code base}.
     *
     * @param base the deployment's base URL, as Arquillian injects it (ends with {@code /})
     * @return for example {@code http://127.0.0.1:8080/health/ready}; empty if the runtime has no MP Health
     */
    default Optional<URI> healthReadiness(URI base) {
        return Optional.empty();
    }

    /**
     * @return the runtime's porting, or the defaults
     */
    static DrainKitPorting current() {
        return ServiceLoader.load(DrainKitPorting.class).findFirst().orElse(new DrainKitPorting() {});
    }
}

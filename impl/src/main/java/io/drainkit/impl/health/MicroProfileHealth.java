// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.health;

import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;

import io.drainkit.impl.OptionalApi;

/**
 * Whether the application has MicroProfile Health. DrainKit's readiness check is added only then, so that
 * the jar also deploys where the API is absent; this class itself references no MicroProfile type.
 */
public final class MicroProfileHealth {

    private static final String HEALTH_CHECK = "org.eclipse.microprofile.health.HealthCheck";

    private MicroProfileHealth() {}

    /** @return {@code true} if the MicroProfile Health API is visible to DrainKit */
    public static boolean isPresent() {
        return OptionalApi.isVisible(HEALTH_CHECK);
    }

    /**
     * Adds {@link DrainReadinessCheck} as a managed bean, so that every MicroProfile Health implementation
     * finds it the way it finds the application's own checks.
     *
     * @param discovery the event to add it with; call only if {@link #isPresent()}
     */
    public static void addReadinessCheck(BeforeBeanDiscovery discovery) {
        discovery.addAnnotatedType(DrainReadinessCheck.class, DrainReadinessCheck.class.getName());
    }
}

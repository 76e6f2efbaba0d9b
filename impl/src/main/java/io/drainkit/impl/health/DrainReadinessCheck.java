// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.health;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Readiness;

import io.drainkit.Drain;
import io.drainkit.DrainState;

/**
 * The MicroProfile Health readiness check {@code drainkit:<context path>} (for example {@code drainkit:/shop}): UP
 * while serving, DOWN from the trigger on, with the state and the requests in flight as data. Named after its
 * application, so that a server's {@code /health/ready} tells the applications apart.
 */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {

    /** What every DrainKit check's name starts with; the application's context path follows. */
    public static final String NAME_PREFIX = "drainkit:";

    @Inject
    Drain drain;

    @Override
    public HealthCheckResponse call() {
        DrainState state = drain.state();
        // The constructor, not named(..): it needs no HealthCheckResponseProvider from an implementation.
        return new HealthCheckResponse(
                name(drain.application()),
                state == DrainState.SERVING ? Status.UP : Status.DOWN,
                Optional.of(Map.of("state", state.name(), "inFlight", (long) drain.inFlight())));
    }

    /**
     * @param application a context path, {@code ""} for the root context
     * @return the check's name for it: {@code drainkit:/shop}, or {@code drainkit:/} for the root context
     */
    public static String name(String application) {
        return NAME_PREFIX + (application.isEmpty() ? "/" : application);
    }
}

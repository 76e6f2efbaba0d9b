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
 * The MicroProfile Health readiness check {@code drainkit}: UP while serving, DOWN from the trigger on, with
 * the state and the requests in flight as data.
 */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {

    /** The check's name in health responses. */
    public static final String NAME = "drainkit";

    @Inject
    Drain drain;

    @Override
    public HealthCheckResponse call() {
        DrainState state = drain.state();
        // The constructor, not named(..): it needs no HealthCheckResponseProvider from an implementation.
        return new HealthCheckResponse(NAME, state == DrainState.SERVING ? Status.UP : Status.DOWN,
                Optional.of(Map.of("state", state.name(), "inFlight", (long) drain.inFlight())));
    }
}

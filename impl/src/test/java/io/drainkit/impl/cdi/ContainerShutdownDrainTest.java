// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainSettings;

/**
 * The extension's shutdown drain: at {@code @BeforeDestroyed(ApplicationScoped.class)} it drains the
 * application and holds the container's shutdown until it is done.
 *
 * <p>Timeouts are generous (20s) and the bounded waits in the tests are far shorter, so a shutdown that
 * returns in time cannot have done so by reaching the drain's deadline.
 */
class ContainerShutdownDrainTest {

    /**
     * How long a shutdown must stay blocked to show that it waits for the drain: longer than the 1s the extension
     * gives DrainCompleted observers, which would also hold it up for a while.
     */
    private static final long STILL_BLOCKED_MILLIS = 1500;

    /**
     * Verifies that container shutdown starts a drain, does not return while a request is in flight, and returns once
     * it completes, with a CONTAINER_SHUTDOWN report that did not reach the deadline.
     */
    @Test
    void shutdownWaitsForInFlightRequestThenReportsContainerShutdown() throws Exception {
        try (WeldApplication app = withApplicationBean().start()) {
            DrainCoordinator drain = app.drain();
            WeldApplication.HeldRequest request = app.holdRequest("GET /slow");

            CompletableFuture<Void> shutdown = app.shutdownInBackground();

            await().until(drain::state, DrainState.DRAINING::equals);
            assertThatThrownBy(() -> shutdown.get(STILL_BLOCKED_MILLIS, TimeUnit.MILLISECONDS))
                    .as("shutdown while a request is in flight")
                    .isInstanceOf(TimeoutException.class);

            request.complete();

            shutdown.get(10, TimeUnit.SECONDS);
            assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
            assertThat(drain.report()).hasValueSatisfying(report -> {
                assertThat(report.trigger()).isEqualTo(DrainTrigger.CONTAINER_SHUTDOWN);
                assertThat(report.deadlineReached()).isFalse();
                assertThat(report.inFlightAtEnd()).isZero();
                assertThat(report.requestsServed())
                        .as("the held request, served while draining")
                        .isEqualTo(1);
            });
        }
    }

    /**
     * Verifies that a drain still running when the container shuts down (e.g. started by preStop) is joined: shutdown
     * waits for it and its trigger stays in the report.
     */
    @Test
    void shutdownJoinsRunningApplicationDrainAndWaitsForIt() throws Exception {
        try (WeldApplication app = withApplicationBean().start()) {
            DrainCoordinator drain = app.drain();
            WeldApplication.HeldRequest request = app.holdRequest("GET /slow");
            drain.start(DrainTrigger.PRESTOP);

            CompletableFuture<Void> shutdown = app.shutdownInBackground();

            assertThatThrownBy(() -> shutdown.get(STILL_BLOCKED_MILLIS, TimeUnit.MILLISECONDS))
                    .as("shutdown while the preStop drain waits for a request")
                    .isInstanceOf(TimeoutException.class);
            request.complete();
            shutdown.get(10, TimeUnit.SECONDS);
            assertThat(drain.report()).map(DrainReport::trigger).hasValue(DrainTrigger.PRESTOP);
        }
    }

    /**
     * Verifies that when a preStop or application drain has already finished, shutdown returns without draining again,
     * even with a request that arrived afterwards still in flight.
     */
    @Test
    void shutdownReturnsPromptlyWhenApplicationDrainAlreadyFinished() throws Exception {
        try (WeldApplication app = withApplicationBean().start()) {
            DrainCoordinator drain = app.drain();
            DrainReport finished =
                    drain.start(DrainTrigger.APPLICATION).toCompletableFuture().get(10, TimeUnit.SECONDS);
            // Load balancers lag: a request may still arrive after the drain. Shutdown must not wait for it.
            app.holdRequest("GET /late");

            app.shutdownInBackground().get(10, TimeUnit.SECONDS);

            assertThat(drain.report()).hasValue(finished);
            assertThat(drain.inFlight()).as("the late request, still running").isEqualTo(1);
        }
    }

    /**
     * Verifies that with drainkit.enabled=false no readiness check is registered and shutdown neither drains nor waits
     * for a request in flight.
     */
    @Test
    void shutdownDoesNotDrainAndNoReadinessCheckExistsWhenDisabled() throws Exception {
        try (WeldApplication app =
                withApplicationBean().setting(DrainSettings.ENABLED, "false").start()) {
            DrainCoordinator drain = app.drain();
            assertThat(app.container()
                            .select(HealthCheck.class, Readiness.Literal.INSTANCE)
                            .isUnsatisfied())
                    .as("a readiness check while disabled")
                    .isTrue();
            app.holdRequest("GET /slow");

            app.shutdownInBackground().get(10, TimeUnit.SECONDS);

            assertThat(drain.state()).isEqualTo(DrainState.SERVING);
            assertThat(drain.report()).isEmpty();
        }
    }

    /**
     * Verifies that the application's own CDI 4 Shutdown observer, which Weld notifies before
     * {@code @BeforeDestroyed(ApplicationScoped)}, runs after the drain: it sees DRAINED, not SERVING.
     */
    @Test
    void applicationShutdownObserversRunAfterTheDrain() throws Exception {
        ShutdownObserver.SEEN.clear();
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(ShutdownObserver.class)
                .setting(DrainSettings.TIMEOUT, "20s")
                .start()) {
            app.shutdownInBackground().get(10, TimeUnit.SECONDS);

            assertThat(ShutdownObserver.SEEN).containsExactly(DrainState.DRAINED);
        }
    }

    /** @return an application with an application-scoped bean its requests use, and a 20 s deadline */
    private static WeldApplication.Builder withApplicationBean() {
        return WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(ApplicationBean.class)
                .setting(DrainSettings.TIMEOUT, "20s");
    }
}

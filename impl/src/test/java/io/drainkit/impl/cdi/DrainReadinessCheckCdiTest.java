// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainSettings;

/**
 * The MicroProfile Health readiness check that the extension registers where the MicroProfile Health API is
 * present (it is here, as on a MicroProfile server), called as a health implementation would call it.
 */
class DrainReadinessCheckCdiTest {

    /**
     * Verifies that the extension registers exactly one readiness check, named drainkit, that reports UP with
     * state=SERVING before any drain.
     */
    @Test
    void readinessCheckIsRegisteredAndReportsUpWhileServing() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(ApplicationBean.class)
                .start()) {

            HealthCheckResponse response = drainKitReadiness(app).call();

            assertThat(response.getName())
                    .as("no servlet context named it: the root")
                    .isEqualTo("drainkit:/");
            assertThat(response.getStatus()).isEqualTo(Status.UP);
            assertThat(response.getData())
                    .hasValueSatisfying(data ->
                            assertThat(data).containsEntry("state", "SERVING").containsEntry("inFlight", 0L));
            assertThat(app.container()
                            .select(HealthCheck.class, Liveness.Literal.INSTANCE)
                            .isUnsatisfied())
                    .as("DrainKit's check is a readiness check only")
                    .isTrue();
        }
    }

    /**
     * Verifies that once a drain has started the readiness check reports DOWN with data state=DRAINING and the requests
     * still in flight.
     */
    @Test
    void readinessCheckReportsDownWithStateDrainingOnceDrainStarted() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(ApplicationBean.class)
                .setting(DrainSettings.TIMEOUT, "20s")
                .start()) {
            HealthCheck readiness = drainKitReadiness(app);
            // Keeps the drain in DRAINING: with no delay it would otherwise end at once.
            WeldApplication.HeldRequest request = app.holdRequest("GET /slow");

            app.drain().start(DrainTrigger.APPLICATION);

            assertThat(app.drain().state()).isEqualTo(DrainState.DRAINING);
            app.drain().nameApplication("/shop");
            HealthCheckResponse response = readiness.call();
            assertThat(response.getName()).as("named after its application").isEqualTo("drainkit:/shop");
            assertThat(response.getStatus()).isEqualTo(Status.DOWN);
            assertThat(response.getData())
                    .hasValueSatisfying(data ->
                            assertThat(data).containsEntry("state", "DRAINING").containsEntry("inFlight", 1L));

            request.complete();
            assertThat(app.drain().state()).isEqualTo(DrainState.DRAINED);
            assertThat(readiness.call().getStatus())
                    .as("readiness once drained")
                    .isEqualTo(Status.DOWN);
        }
    }

    private static HealthCheck drainKitReadiness(WeldApplication app) {
        List<HealthCheck> checks = app.container().select(HealthCheck.class, Readiness.Literal.INSTANCE).stream()
                .collect(Collectors.toList());
        assertThat(checks).as("the application's @Readiness checks").hasSize(1);
        return checks.get(0);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.spi.DrainKitPorting;

/**
 * Two DrainKit applications on one server (each with its own copy of DrainKit) drain as one: a preStop call to one
 * turns both DOWN, the call waits for a request in flight in the other, and the report lists both.
 */
@Tag(TckTags.SEVERAL_APPLICATIONS)
@TckWar(
        name = SeveralApplicationsDrainTogetherTest.SHOP,
        delay = "500ms",
        timeout = "60s",
        deployedByTest = SeveralApplicationsDrainTogetherTest.BILLING)
public class SeveralApplicationsDrainTogetherTest extends TckBase {

    static final String SHOP = "together-shop";
    static final String BILLING = "together-billing";

    @ArquillianResource
    private Deployer deployer;

    /**
     * Verifies that a preStop call to one application turns the other's readiness DOWN too, waits for the other's
     * request in flight, and reports both applications; and that the server's readiness names each check.
     */
    @Test
    void preStopToOneApplicationDrainsTheOther() throws Exception {
        deployer.deploy(BILLING);
        try {
            TckClient billing = clientOf(BILLING);
            // On an application server both are the server's one readiness endpoint, which must name both checks.
            Optional<URI> shopHealth = DrainKitPorting.current().healthReadiness(client.base());
            Optional<URI> billingHealth = DrainKitPorting.current().healthReadiness(billing.base());
            shopHealth.ifPresent(uri -> HealthReadiness.assertApplicationCheck(uri, 200, SHOP, "UP"));
            billingHealth.ifPresent(uri -> HealthReadiness.assertApplicationCheck(uri, 200, BILLING, "UP"));
            CompletableFuture<HttpResponse<String>> held = billing.getAsync("block?gate=together");
            billing.awaitInFlight(1);

            CompletableFuture<HttpResponse<String>> preStop = client.preStop();

            billing.awaitState("DRAINING");
            assertThat(billing.get("drainkit/ready").statusCode())
                    .as("the other application's /drainkit/ready")
                    .isEqualTo(503);
            shopHealth.ifPresent(uri -> HealthReadiness.assertApplicationCheck(uri, 503, SHOP, "DOWN"));
            billingHealth.ifPresent(uri -> HealthReadiness.assertApplicationCheck(uri, 503, BILLING, "DOWN"));
            billing.awaitInFlightFor(1, TckTimeouts.scaled(Duration.ofSeconds(1)));
            assertThat(preStop)
                    .as("the preStop call, while the other application has a request in flight")
                    .isNotDone();

            billing.open("together");

            HttpResponse<String> report = answer(preStop, "the preStop call, once the other request completed");
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(answer(held, "the other application's request").statusCode())
                    .isEqualTo(200);
            assertDrainedInTime(report.body());
            assertThat(report.body())
                    .as("the report lists both applications")
                    .containsPattern(
                            "\"applications\":\\[\\{\"application\":\"[^\"]*" + SHOP + "\",\"state\":\"DRAINED\"")
                    .containsPattern("\\{\"application\":\"[^\"]*" + BILLING + "\",\"state\":\"DRAINED\","
                            + "\"requestsServed\":[1-9]");
        } finally {
            deployer.undeploy(BILLING);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/**
 * Undeploying the application (the container-shutdown path, no preStop call) waits for the requests in
 * flight, which finish with their application-scoped beans still alive.
 */
@Tag(TckTags.CONTAINER_SHUTDOWN)
@TckWar(name = "undeploy-anchor", delay = "0", timeout = "30s", deployedByTest = DrainOnUndeployTest.DRAINED)
public class DrainOnUndeployTest extends TckBase {

    static final String DRAINED = "undeploy-drains";

    @ArquillianResource
    private Deployer deployer;

    /**
     * Verifies that a request in flight when the application is undeployed completes with 200 and could still
     * use its application-scoped bean: the undeploy waited for it.
     */
    @Test
    void undeployWaitsForTheRequestInFlight() throws Exception {
        deployer.deploy(DRAINED);
        TckClient drained = clientOf(DRAINED);
        CompletableFuture<HttpResponse<String>> inFlight = drained.getAsync("work-cdi?ms=2000");
        drained.awaitInFlight(1);

        deployer.undeploy(DRAINED);

        HttpResponse<String> response = answer(inFlight, "the request in flight during undeploy");
        assertThat(response.statusCode())
                .as("the request in flight during undeploy: %s", response.body())
                .isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok visits=1");
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/**
 * Undeploying the application (the container-shutdown path, no preStop call) waits for the requests in
 * flight, which finish with their application-scoped beans still alive.
 */
@Tag(TckTags.CONTAINER_SHUTDOWN)
public class DrainOnUndeployTest extends TckBase {

    private static final String ANCHOR = "undeploy-anchor";
    private static final String DRAINED = "undeploy-drains";

    @ArquillianResource
    private Deployer deployer;

    /** @return a deployment that stays, so the test knows the runtime's host and port: {@link #base()} */
    @Deployment(name = ANCHOR, testable = false)
    public static WebArchive anchor() {
        return TckDeployments.war(ANCHOR, TckSettings.withPreStop("0", "30s"));
    }

    /** @return the deployment the test undeploys while a request is in flight */
    @Deployment(name = DRAINED, managed = false, testable = false)
    public static WebArchive drained() {
        return TckDeployments.war(DRAINED, TckSettings.withPreStop("0", "30s"));
    }

    /**
     * Verifies that a request in flight when the application is undeployed completes with 200 and could still
     * use its application-scoped bean: the undeploy waited for it.
     */
    @Test
    void undeployWaitsForTheRequestInFlight() throws Exception {
        deployer.deploy(DRAINED);
        TckClient client = new TckClient(new URL(base(), "../" + DRAINED + "/"));
        CompletableFuture<HttpResponse<String>> inFlight = client.getAsync("work-cdi?ms=2000");
        client.awaitInFlight(1);

        deployer.undeploy(DRAINED);

        HttpResponse<String> response = answer(inFlight, "the request in flight during undeploy");
        assertThat(response.statusCode())
                .as("the request in flight during undeploy: %s", response.body())
                .isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok visits=1");
    }
}

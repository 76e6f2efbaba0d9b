// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** During the delay new requests are served, and HTTP/1.1 responses ask the client to close. */
public class ConnectionCloseDuringDelayTest extends TckBase {

    /** Long enough for three requests on a slow machine: scaled like every TCK wait. */
    private static final Duration DELAY = TckTimeouts.scaled(Duration.ofSeconds(5));

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("connection-close", TckSettings.withPreStop(DELAY, DELAY.multipliedBy(2)));
    }

    /** Verifies that no Connection: close is sent while serving, and that during the delay requests get 200 with it. */
    @Test
    void requestsDuringTheDelayAreServedWithConnectionClose() {
        assertKeepsConnection(client.get("work"), "while serving");

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitState("DRAINING");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> during = client.get("work?ms=10");
            assertThat(during.statusCode()).as("served during the delay").isEqualTo(200);
            assertThat(during.body()).isEqualTo("ok");
            assertAsksToClose(during, "during the delay");
        }
        assertThat(preStop)
                .as("the %d ms delay is still running", DELAY.toMillis())
                .isNotDone();
    }
}

package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** During the delay new requests are served, and HTTP/1.1 responses ask the client to close. */
@ExtendWith(ArquillianExtension.class)
public class ConnectionCloseDuringDelayTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("connection-close", TckSettings.withPreStop("5s", "10s"));
    }

    /** Verifies that no Connection: close is sent while serving, and that during the delay requests get 200 with it. */
    @Test
    void requestsDuringTheDelayAreServedWithConnectionClose() {
        TckClient client = new TckClient(base);
        HttpResponse<String> before = client.get("work");
        assertThat(before.headers().firstValue("Connection")).as("while serving").isNotEqualTo(Optional.of("close"));

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitState("DRAINING");

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> during = client.get("work?ms=10");
            assertThat(during.statusCode()).as("served during the delay").isEqualTo(200);
            assertThat(during.body()).isEqualTo("ok");
            assertThat(during.headers().firstValue("Connection")).as("Connection header during the delay")
                    .hasValueSatisfying(value -> assertThat(value).isEqualToIgnoringCase("close"));
        }
        assertThat(preStop).as("the 5 s delay is still running").isNotDone();
    }
}

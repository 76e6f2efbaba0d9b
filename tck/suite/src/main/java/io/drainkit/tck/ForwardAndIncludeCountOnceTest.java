package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** A forwarded or included request is one request: counted once. */
@ExtendWith(ArquillianExtension.class)
public class ForwardAndIncludeCountOnceTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("dispatch-once", TckSettings.withPreStop("0", "30s"));
    }

    /** Verifies that the servlet a request is forwarded to sees no other request in flight. */
    @Test
    void forwardIsCountedOnce() {
        TckClient client = quietClient();
        HttpResponse<String> response = client.get("forward");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TckClient.number(response.body(), "inFlight")).as("others in flight during a forward: " + response.body())
                .isZero();
    }

    /** Verifies that the servlet a request includes sees no other request in flight. */
    @Test
    void includeIsCountedOnce() {
        TckClient client = quietClient();
        HttpResponse<String> response = client.get("include");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TckClient.number(response.body(), "inFlight")).as("others in flight during an include: " + response.body())
                .isZero();
    }

    /**
     * A client for a deployment with nothing in flight. A container sends a forwarded response in full before
     * {@code forward} returns (Servlet 6.0, 9.4), so the client can read it an instant before the forwarding
     * request is counted out; a test that ran before this one could otherwise still be counted.
     */
    private TckClient quietClient() {
        TckClient client = new TckClient(base);
        client.awaitInFlight(0);
        return client;
    }
}

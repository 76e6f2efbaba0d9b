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
        HttpResponse<String> response = new TckClient(base).get("forward");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TckClient.number(response.body(), "inFlight")).as("others in flight during a forward: " + response.body())
                .isZero();
    }

    /** Verifies that the servlet a request includes sees no other request in flight. */
    @Test
    void includeIsCountedOnce() {
        HttpResponse<String> response = new TckClient(base).get("include");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TckClient.number(response.body(), "inFlight")).as("others in flight during an include: " + response.body())
                .isZero();
    }
}

package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** One drain per application: a second trigger joins the first. */
@ExtendWith(ArquillianExtension.class)
public class SecondTriggerJoinsFirstTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("second-joins", TckSettings.withPreStop("300ms", "60s"));
    }

    /** Verifies that two preStop calls, and one after the end, all get the same report of one drain. */
    @Test
    void secondPreStopJoinsTheFirstDrain() throws Exception {
        TckClient client = new TckClient(base);
        CompletableFuture<HttpResponse<String>> held = client.getAsync("block?gate=join");
        client.awaitInFlight(1);

        CompletableFuture<HttpResponse<String>> first = client.preStop();
        client.awaitState("DRAINING");
        CompletableFuture<HttpResponse<String>> second = client.preStop();
        client.open("join");

        String firstReport = first.get(TckTimeouts.prompt().toMillis(), TimeUnit.MILLISECONDS).body();
        String secondReport = second.get(TckTimeouts.prompt().toMillis(), TimeUnit.MILLISECONDS).body();
        assertThat(held.get().statusCode()).isEqualTo(200);
        assertThat(secondReport).as("the joining call's report").isEqualTo(firstReport);
        String afterwards = client.preStop().get(TckTimeouts.prompt().toMillis(), TimeUnit.MILLISECONDS).body();
        assertThat(afterwards).as("a call after the drain").isEqualTo(firstReport);
    }
}

package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** Asynchronous requests stay counted until their AsyncContext completes, times out or errors, and no longer. */
public class AsyncRequestsCountedUntilEndTest extends TckBase {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("async-counted", TckSettings.withPreStop("0", "30s"));
    }

    /** Verifies that an async request is counted after its dispatch returned, until it completes on another thread. */
    @Test
    void asyncRequestIsCountedUntilItCompletes() {
        TckClient client = client();
        CompletableFuture<HttpResponse<String>> pending = client.getAsync("async?mode=complete&gate=async");
        client.awaitInFlight(1);

        client.open("async");

        HttpResponse<String> response = answer(pending, "the async request");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("completed");
        client.awaitInFlight(0);
    }

    /** Verifies that an async request the container times out is counted out. */
    @Test
    void asyncTimeoutIsCountedOut() {
        TckClient client = client();

        HttpResponse<String> response = client.get("async?mode=timeout&ms=300");

        assertThat(response.statusCode()).as("the container answers a timed-out async request").isGreaterThanOrEqualTo(500);
        client.awaitInFlight(0);
    }

    /** Verifies that an async request whose re-dispatch throws is counted out, and its dispatches are not counted. */
    @Test
    void asyncErrorIsCountedOut() {
        TckClient client = client();

        HttpResponse<String> response = client.get("async?mode=error");

        assertThat(response.statusCode()).isEqualTo(500);
        client.awaitInFlight(0);
    }
}

package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** The preStop call answers only once nothing is in flight, with a report that counts what was served. */
@ExtendWith(ArquillianExtension.class)
public class PreStopWaitsForInFlightTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("prestop-waits", TckSettings.withPreStop("200ms", "60s"));
    }

    /** Verifies that preStop is still waiting after the delay while a request is held, and answers when it ends. */
    @Test
    void preStopAnswersAfterInFlightReachesZero() throws Exception {
        TckClient client = new TckClient(base);
        CompletableFuture<HttpResponse<String>> held = client.getAsync("block?gate=prestop");
        client.awaitInFlight(1);

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitState("DRAINING");
        for (int i = 0; i < 4; i++) {
            assertThat(client.get("work").statusCode()).as("served while draining").isEqualTo(200);
        }
        assertThatThrownBy(() -> preStop.get(1, TimeUnit.SECONDS)).as("preStop while one request is held")
                .isInstanceOf(TimeoutException.class);
        assertThat(client.inFlight()).as("the preStop call itself is not counted").isEqualTo(1);

        client.open("prestop");

        HttpResponse<String> answer = preStop.get(TckTimeouts.prompt().toMillis(), TimeUnit.MILLISECONDS);
        assertThat(held.get().statusCode()).isEqualTo(200);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        String report = answer.body();
        assertThat(report).contains("\"status\":\"DRAINED\"", "\"trigger\":\"PRESTOP\"", "\"deadlineReached\":false");
        assertThat(TckClient.number(report, "inFlightAtEnd")).as(report).isZero();
        assertThat(TckClient.number(report, "delayMs")).as("the delay used, timer jitter aside: " + report)
                .isBetween(200L, TckClient.number(report, "durationMs"));
        // 4 /work + the held request + the /status and /gate calls made while draining
        assertThat(TckClient.number(report, "requestsServed")).as(report).isGreaterThanOrEqualTo(5);
        assertThat(client.state()).isEqualTo("DRAINED");
    }
}

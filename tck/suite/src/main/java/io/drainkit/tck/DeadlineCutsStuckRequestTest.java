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

/** A request that never ends does not hold the drain past its deadline, and the report names it. */
@ExtendWith(ArquillianExtension.class)
public class DeadlineCutsStuckRequestTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("deadline-cuts", TckSettings.withPreStop("0", "2s"));
    }

    /** Verifies that preStop answers at the deadline with deadlineReached and the stuck request's method and path. */
    @Test
    void deadlineCutsTheStuckRequestAndNamesIt() throws Exception {
        TckClient client = new TckClient(base);
        CompletableFuture<HttpResponse<String>> stuck = client.getAsync("block?gate=never");
        client.awaitInFlight(1);

        HttpResponse<String> answer = client.preStop().get(TckTimeouts.prompt().toMillis(), TimeUnit.MILLISECONDS);

        String report = answer.body();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(report).contains("\"deadlineReached\":true");
        assertThat(TckClient.number(report, "inFlightAtEnd")).as(report).isEqualTo(1);
        assertThat(TckClient.number(report, "durationMs")).as(report).isBetween(1_900L, 60_000L);
        assertThat(report).containsPattern("\"stillInFlight\":\\[\\{\"method\":\"GET\",\"path\":\"[^\"]*/block\"");
        assertThat(stuck).as("the stuck request is cut from the report, not killed").isNotDone();

        client.open("never");
        assertThat(stuck.get(TckTimeouts.prompt().toMillis(), TimeUnit.MILLISECONDS).statusCode()).isEqualTo(200);
    }
}

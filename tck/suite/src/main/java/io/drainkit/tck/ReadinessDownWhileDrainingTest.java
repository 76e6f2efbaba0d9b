// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.spi.DrainKitPorting;

/** Readiness turns DOWN at the trigger, on DrainKit's endpoint and on the runtime's MicroProfile Health. */
@TckWar(name = "readiness-down", delay = "500ms", timeout = "60s")
public class ReadinessDownWhileDrainingTest extends TckBase {

    /** Verifies that /drainkit/ready and MP Health's readiness are UP while serving and DOWN from the trigger on. */
    @Test
    void readinessIsUpWhileServingAndDownFromTheTrigger() {
        Optional<URI> health = DrainKitPorting.current().healthReadiness(client.base());
        HttpResponse<String> up = client.get("drainkit/ready");
        assertThat(up.statusCode()).as("/drainkit/ready while serving").isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");
        health.ifPresent(uri -> HealthReadiness.assertDrainKitCheck(uri, 200, "UP"));

        CompletableFuture<HttpResponse<String>> held = client.getAsync("block?gate=readiness");
        client.awaitInFlight(1);
        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitState("DRAINING");

        HttpResponse<String> down = client.get("drainkit/ready");
        assertThat(down.statusCode()).as("/drainkit/ready while draining").isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\"}");
        health.ifPresent(uri -> HealthReadiness.assertDrainKitCheck(uri, 503, "DOWN"));

        client.open("readiness");
        assertThat(answer(held, "the held request").statusCode()).isEqualTo(200);
        assertThat(answer(preStop, "the preStop call").statusCode()).isEqualTo(200);
        assertThat(client.get("drainkit/ready").statusCode())
                .as("readiness stays DOWN once drained")
                .isEqualTo(503);
    }
}

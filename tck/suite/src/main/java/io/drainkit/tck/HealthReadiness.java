package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Reads a MicroProfile Health readiness document and finds DrainKit's check in it.
 *
 * @since 0.1
 */
final class HealthReadiness {

    private HealthReadiness() {
    }

    static void assertDrainKitCheck(URI readiness, int expectedStatus, String expectedCheckStatus) {
        HttpResponse<String> response;
        try {
            response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(readiness)
                    .timeout(TckTimeouts.prompt()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + readiness + " failed", e);
        }
        String compact = response.body().replaceAll("\\s", "");
        assertThat(response.statusCode()).as("%s answered %s", readiness, compact).isEqualTo(expectedStatus);
        assertThat(compact).as("MP Health readiness at %s lists the drainkit check", readiness)
                .containsPattern("\\{[^{}]*\"name\":\"drainkit:/[^\"]*\"[^{}]*\"status\":\"" + expectedCheckStatus + "\""
                        + "|\\{[^{}]*\"status\":\"" + expectedCheckStatus + "\"[^{}]*\"name\":\"drainkit:/[^\"]*\"");
    }
}

// SPDX-License-Identifier: Apache-2.0
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

    private HealthReadiness() {}

    static void assertDrainKitCheck(URI readiness, int expectedStatus, String expectedCheckStatus) {
        assertChecks(readiness, expectedStatus, "drainkit:/[^\"]*", expectedCheckStatus);
    }

    /**
     * @param readiness           the server's readiness URL
     * @param expectedStatus      the HTTP status it must answer
     * @param application         the deployment's name: its check is {@code drainkit:/...<application>}
     * @param expectedCheckStatus UP or DOWN
     */
    static void assertApplicationCheck(
            URI readiness, int expectedStatus, String application, String expectedCheckStatus) {
        assertChecks(readiness, expectedStatus, "drainkit:/[^\"]*" + application, expectedCheckStatus);
    }

    /**
     * @param readiness   the server's readiness URL
     * @param application the deployment's name, whose check must not be listed any more
     */
    static void assertNoApplicationCheck(URI readiness, String application) {
        assertThat(read(readiness).body().replaceAll("\\s", ""))
                .as("MP Health readiness at %s, after %s was undeployed", readiness, application)
                .doesNotContainPattern("\"name\":\"drainkit:/[^\"]*" + application + "\"");
    }

    private static HttpResponse<String> read(URI readiness) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(readiness)
                                    .timeout(TckTimeouts.prompt())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("GET " + readiness + " failed", e);
        }
    }

    private static void assertChecks(
            URI readiness, int expectedStatus, String namePattern, String expectedCheckStatus) {
        HttpResponse<String> response = read(readiness);
        String compact = response.body().replaceAll("\\s", "");
        assertThat(response.statusCode())
                .as("%s answered %s", readiness, compact)
                .isEqualTo(expectedStatus);
        assertThat(compact)
                .as("MP Health readiness at %s lists a check named %s, %s", readiness, namePattern, expectedCheckStatus)
                .containsPattern("\\{[^{}]*\"name\":\"" + namePattern + "\"[^{}]*\"status\":\"" + expectedCheckStatus
                        + "\"|\\{[^{}]*\"status\":\"" + expectedCheckStatus + "\"[^{}]*\"name\":\"" + namePattern
                        + "\"");
    }
}

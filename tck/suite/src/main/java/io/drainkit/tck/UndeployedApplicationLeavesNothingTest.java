// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.spi.DrainKitPorting;

/**
 * Undeploying one of several DrainKit applications drains no other and leaves no check behind; redeployed, it takes
 * part in the next drain, once.
 */
@Tag(TckTags.SEVERAL_APPLICATIONS)
@TckWar(
        name = UndeployedApplicationLeavesNothingTest.STAYS,
        delay = "0",
        timeout = "30s",
        deployedByTest = UndeployedApplicationLeavesNothingTest.COMES_AND_GOES)
public class UndeployedApplicationLeavesNothingTest extends TckBase {

    static final String STAYS = "stays";
    static final String COMES_AND_GOES = "comes-and-goes";

    @ArquillianResource
    private Deployer deployer;

    /**
     * Verifies that an undeployed application drains no other, leaves no readiness check behind, and once redeployed
     * takes part in the next drain exactly once.
     */
    @Test
    void undeployDrainsNoOtherAndRedeployJoinsTheNextDrain() throws Exception {
        // On an application server this is the server's one readiness endpoint: it must forget the undeployed check.
        Optional<URI> health = DrainKitPorting.current().healthReadiness(client.base());
        deployer.deploy(COMES_AND_GOES);
        TckClient other = clientOf(COMES_AND_GOES);
        DrainKitPorting.current()
                .healthReadiness(other.base())
                .ifPresent(uri -> HealthReadiness.assertApplicationCheck(uri, 200, COMES_AND_GOES, "UP"));

        deployer.undeploy(COMES_AND_GOES);

        assertThat(client.state())
                .as("the application that stayed, after the other's undeploy")
                .isEqualTo("SERVING");
        health.ifPresent(uri -> {
            HealthReadiness.assertNoApplicationCheck(uri, COMES_AND_GOES);
            HealthReadiness.assertApplicationCheck(uri, 200, STAYS, "UP");
        });

        deployer.deploy(COMES_AND_GOES);
        try {
            HttpResponse<String> report = answer(client.preStop(), "the preStop call");

            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(occurrences(report.body(), "\"application\":\"[^\"]*" + COMES_AND_GOES + "\""))
                    .as("the redeployed application in the report, once: %s", report.body())
                    .isEqualTo(1);
            assertThat(occurrences(report.body(), "\"application\":\"[^\"]*" + STAYS + "\""))
                    .isEqualTo(1);
        } finally {
            deployer.undeploy(COMES_AND_GOES);
        }
    }

    private static int occurrences(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}

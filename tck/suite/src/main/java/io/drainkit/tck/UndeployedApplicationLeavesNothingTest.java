// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;
import io.drainkit.tck.spi.DrainKitPorting;

/**
 * Undeploying one of several DrainKit applications drains no other and leaves no check behind; redeployed, it takes
 * part in the next drain, once.
 */
@Tag(TckTags.SEVERAL_APPLICATIONS)
public class UndeployedApplicationLeavesNothingTest extends TckBase {

    private static final String STAYS = "stays";
    private static final String COMES_AND_GOES = "comes-and-goes";

    @ArquillianResource
    private Deployer deployer;

    /** @return the application that stays deployed, whose preStop endpoint the test calls last */
    @Deployment(name = STAYS, testable = false)
    public static WebArchive stays() {
        return TckDeployments.war(STAYS, TckSettings.withPreStop("0", "30s"));
    }

    /** @return the application the test deploys, undeploys and deploys again */
    @Deployment(name = COMES_AND_GOES, managed = false, testable = false)
    public static WebArchive comesAndGoes() {
        return TckDeployments.war(COMES_AND_GOES, TckSettings.withPreStop("0", "30s"));
    }

    /**
     * Verifies that an undeployed application drains no other, leaves no readiness check behind, and once redeployed
     * takes part in the next drain exactly once.
     */
    @Test
    void undeployDrainsNoOtherAndRedeployJoinsTheNextDrain() throws Exception {
        // On an application server this is the server's one readiness endpoint: it must forget the undeployed check.
        Optional<URI> health = DrainKitPorting.current().healthReadiness(client().base());
        deployer.deploy(COMES_AND_GOES);
        TckClient other = new TckClient(new URL(base(), "../" + COMES_AND_GOES + "/"));
        DrainKitPorting.current()
                .healthReadiness(other.base())
                .ifPresent(uri -> HealthReadiness.assertApplicationCheck(uri, 200, COMES_AND_GOES, "UP"));

        deployer.undeploy(COMES_AND_GOES);

        assertThat(client().state())
                .as("the application that stayed, after the other's undeploy")
                .isEqualTo("SERVING");
        health.ifPresent(uri -> {
            HealthReadiness.assertNoApplicationCheck(uri, COMES_AND_GOES);
            HealthReadiness.assertApplicationCheck(uri, 200, STAYS, "UP");
        });

        deployer.deploy(COMES_AND_GOES);
        try {
            HttpResponse<String> report = answer(client().preStop(), "the preStop call");

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

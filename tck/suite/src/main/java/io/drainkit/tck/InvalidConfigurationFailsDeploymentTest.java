// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** Bad configuration fails the deployment, with a message that names the key, instead of running with a guess. */
@ExtendWith(ArquillianExtension.class)
@Tag(TckTags.DEPLOYMENT_FAILURE)
public class InvalidConfigurationFailsDeploymentTest {

    private static final String INVALID = "invalid-config";
    private static final String OVER_BUDGET = "over-grace-budget";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = INVALID, managed = false, testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(INVALID, TckSettings.withPreStop("forever", "30s"));
    }

    /** @return a deployment whose timeout does not fit in the pod's grace period */
    @Deployment(name = OVER_BUDGET, managed = false, testable = false)
    public static WebArchive overBudget() {
        return TckDeployments.war(
                OVER_BUDGET, TckSettings.withPreStop("10s", "25s").set("drainkit.grace-period", "28s"));
    }

    /** Verifies that deploying with drainkit.delay=forever fails, and that the failure names the key and value. */
    @Test
    void deploymentWithAnInvalidDelayFailsNamingTheKey() {
        Throwable failure = catchThrowable(() -> deployer.deploy(INVALID));

        assertThat(failure)
                .as("deploying with drainkit.delay=forever must fail")
                .isNotNull();
        assertThat(String.join("\n", messages(failure)))
                .as("the failure the runtime reported")
                .contains("drainkit.delay", "forever");
    }

    /** Verifies that a timeout of 25 s with a 28 s grace period (under 25 s + 5 s) fails, naming the grace period. */
    @Test
    void deploymentWhoseTimeoutExceedsTheGracePeriodFails() {
        Throwable failure = catchThrowable(() -> deployer.deploy(OVER_BUDGET));

        assertThat(failure)
                .as("deploying with drainkit.grace-period=28s and drainkit.timeout=25s must fail")
                .isNotNull();
        assertThat(String.join("\n", messages(failure)))
                .as("the failure the runtime reported")
                .contains("drainkit.grace-period", "28s", "terminationGracePeriodSeconds");
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable cause = failure; cause != null && messages.size() < 20; cause = cause.getCause()) {
            messages.add(cause.getClass().getName() + ": " + cause.getMessage());
            for (Throwable suppressed : cause.getSuppressed()) {
                messages.add(suppressed.getClass().getName() + ": " + suppressed.getMessage());
            }
        }
        return messages;
    }
}

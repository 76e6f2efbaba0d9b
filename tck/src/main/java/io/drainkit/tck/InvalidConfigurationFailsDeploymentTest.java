package io.drainkit.tck;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.ShouldThrowException;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** Bad configuration fails the deployment instead of running with a guess. */
@ExtendWith(ArquillianExtension.class)
public class InvalidConfigurationFailsDeploymentTest {

    @Deployment(testable = false)
    @ShouldThrowException(DeploymentException.class)
    public static WebArchive deployment() {
        return TckDeployments.war("invalid-config", TckSettings.withPreStop("forever", "30s"));
    }

    /**
     * Verifies that a deployment with drainkit.delay=forever fails: Arquillian fails this test unless the
     * deployment above throws a DeploymentException, so the check is in the annotation.
     */
    @Test
    void deploymentWithAnInvalidDelayFails() {
        // The assertion is @ShouldThrowException on the deployment.
    }
}

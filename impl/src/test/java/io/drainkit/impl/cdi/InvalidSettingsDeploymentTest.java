// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;

import io.drainkit.impl.DrainSettings;

/** Bad DrainKit configuration fails the CDI deployment with a message that names the key and the value. */
class InvalidSettingsDeploymentTest {

    /** Verifies that drainkit.delay=abc fails the boot with a DeploymentException naming the key and the value. */
    @Test
    void bootFailsNamingDelayWhenDelayIsNotADuration() {
        DeploymentException failure = bootFailure(WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(UnrelatedBean.class)
                .setting(DrainSettings.DELAY, "abc"));

        assertThat(failure).hasMessageContaining("DRAINKIT-0005").hasMessageContaining("drainkit.delay='abc'");
    }

    /**
     * Verifies that a timeout of 5s with a delay of 10s fails the boot with a DeploymentException naming the timeout,
     * its value and the delay.
     */
    @Test
    void bootFailsNamingTimeoutWhenTimeoutDoesNotExceedDelay() {
        DeploymentException failure = bootFailure(WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(UnrelatedBean.class)
                .setting(DrainSettings.DELAY, "10s")
                .setting(DrainSettings.TIMEOUT, "5s"));

        assertThat(failure).hasMessageContaining("drainkit.timeout='5s'").hasMessageContaining("drainkit.delay (10s)");
    }

    /**
     * Verifies that drainkit.prestop.enabled=true without a token fails the boot with a DeploymentException naming the
     * missing token key.
     */
    @Test
    void bootFailsNamingTokenWhenPreStopIsEnabledWithoutToken() {
        DeploymentException failure = bootFailure(WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(UnrelatedBean.class)
                .setting(DrainSettings.PRESTOP_ENABLED, "true"));

        assertThat(failure)
                .hasMessageContaining("drainkit.prestop.token is not set")
                .hasMessageContaining("drainkit.prestop.enabled=true");
    }

    /**
     * Verifies that the configuration problem, not an unsatisfied Drain injection point, is what fails the boot of an
     * application that injects Drain.
     */
    @Test
    void bootFailsNamingKeyWhenApplicationInjectsDrain() {
        DeploymentException failure = bootFailure(WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(ApplicationBean.class)
                .setting(DrainSettings.DELAY, "abc"));

        assertThat(failure).hasMessageContaining("drainkit.delay='abc'");
    }

    private static DeploymentException bootFailure(WeldApplication.Builder application) {
        DeploymentException failure = catchThrowableOfType(DeploymentException.class, () -> {
            application.start().close();
        });
        assertThat(failure).as("the boot's failure").isNotNull();
        return failure;
    }

    /** An application bean that does not touch DrainKit. */
    @ApplicationScoped
    public static class UnrelatedBean {}
}

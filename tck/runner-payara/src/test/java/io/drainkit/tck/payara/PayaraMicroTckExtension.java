// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.payara;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * What the DrainKit TCK needs on Payara Micro, in either of the runner's two test runs. Registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 *
 * <ul>
 * <li>The suite, through the managed adapter (arquillian-payara-micro-managed 3.1): {@link MicroDeployment} gives it
 * loopback URLs, a failed deployment reported as one, and a stopped JVM after each undeploy.</li>
 * <li>The scenarios with several deployments on one server, with the system property {@value #EMBEDDED} set to
 * {@code true}: the runner's own {@link EmbeddedMicroContainer}, which deploys side by side and undeploys through
 * Payara Micro's API (that run keeps the managed adapter off the class path).</li>
 * </ul>
 */
public final class PayaraMicroTckExtension implements LoadableExtension {

    /** The system property that selects the embedded Payara Micro. */
    static final String EMBEDDED = "drainkit.tck.payara.embedded";

    @Override
    public void register(ExtensionBuilder builder) {
        if (Boolean.getBoolean(EMBEDDED)) {
            builder.service(DeployableContainer.class, EmbeddedMicroContainer.class);
        } else {
            builder.observer(MicroDeployment.class);
        }
    }
}

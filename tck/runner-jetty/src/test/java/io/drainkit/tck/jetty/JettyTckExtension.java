// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.jetty;

import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * What the DrainKit TCK needs from Arquillian's embedded Jetty 12 adapter beyond its configuration: the
 * libraries in every test WAR, web-application-first class loading, and the real cause of a failed
 * deployment. Registered in {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class JettyTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(HealthEndpointLibrary.class);
        builder.service(WebAppContextProcessor.class, WebAppFirstClassLoading.class);
        builder.observer(DeploymentFailureCause.class);
    }
}

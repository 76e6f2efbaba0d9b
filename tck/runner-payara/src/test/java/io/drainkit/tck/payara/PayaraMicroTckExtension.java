package io.drainkit.tck.payara;

import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * What the DrainKit TCK needs from the Payara Micro managed adapter (arquillian-payara-micro-managed 3.1) beyond
 * its configuration: loopback URLs, and a failed deployment reported as one. Registered in
 * {@code META-INF/services/org.jboss.arquillian.core.spi.LoadableExtension}.
 */
public final class PayaraMicroTckExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(MicroDeployment.class);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.wildfly;

import java.net.URI;
import java.util.Optional;

import io.drainkit.tck.spi.DrainKitPorting;

/**
 * WildFly serves MicroProfile Health server-wide, on its management interface ({@code /health/ready} on port 9990
 * by default), not on the HTTP port that serves the deployments. The runner's build reserves a free management port
 * for each run and passes it in the system property {@value #MANAGEMENT_PORT}.
 */
public final class WildFlyPorting implements DrainKitPorting {

    /** The system property with the management port the server was started with. */
    public static final String MANAGEMENT_PORT = "wildfly.management.port";

    @Override
    public Optional<URI> healthReadiness(URI base) {
        // The management interface binds the same loopback address as the HTTP one (see arquillian.xml).
        int port = Integer.parseInt(System.getProperty(MANAGEMENT_PORT, "9990"));
        return Optional.of(URI.create("http://" + base.getHost() + ":" + port + "/health/ready"));
    }
}

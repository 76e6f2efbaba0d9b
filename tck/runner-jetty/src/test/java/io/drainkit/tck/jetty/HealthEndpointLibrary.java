// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.jetty;

import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

import io.drainkit.tck.arquillian.WarLibraries;

/**
 * Serves MicroProfile Health's readiness at {@code /health/ready} in every test WAR, as an application on
 * embedded Jetty does itself: {@link HealthReadinessServlet} in a jar with a {@code web-fragment.xml}. The other
 * libraries (DrainKit, Weld, SmallRye) are added by the TCK's own {@code WarLibraries} from the staged directory.
 */
public final class HealthEndpointLibrary {

    private static final String HEALTH_JAR = "drainkit-tck-jetty-health.jar";

    void addToEveryWar(@Observes BeforeDeploy event) {
        WarLibraries.warAboutToDeploy(event)
                .filter(war -> !war.contains(ArchivePaths.create("WEB-INF/lib", HEALTH_JAR)))
                .ifPresent(war -> war.addAsLibrary(ShrinkWrap.create(JavaArchive.class, HEALTH_JAR)
                        .addClass(HealthReadinessServlet.class)
                        .addAsManifestResource(
                                new ClassLoaderAsset("io/drainkit/tck/jetty/web-fragment.xml"), "web-fragment.xml")));
    }
}

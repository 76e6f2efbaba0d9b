package io.drainkit.tck.jetty;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.ClassLoaderAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Puts into {@code WEB-INF/lib} of every test WAR what a real application on embedded Jetty carries itself:
 * DrainKit, Weld, SmallRye Health and Config (the jars the build staged in the directory named by
 * {@value #DIRECTORY_PROPERTY}), and {@link HealthReadinessServlet} in a jar of its own.
 *
 * <p>An observer of {@link BeforeDeploy} rather than an {@code ApplicationArchiveProcessor}: Arquillian applies
 * archive processors only to {@code testable=true} deployments, and every TCK deployment is
 * {@code testable=false}. {@code BeforeDeploy} comes for managed deployments and for those a test deploys
 * through {@code Deployer}, right before the archive is handed to Jetty.
 */
public final class WarLibraries {

    /** The system property that names the directory of staged jars (the build sets it). */
    static final String DIRECTORY_PROPERTY = "drainkit.tck.jetty.warLibraries";

    private static final String HEALTH_JAR = "drainkit-tck-jetty-health.jar";

    void addToEveryWar(@Observes BeforeDeploy event) {
        DeploymentDescription description = event.getDeployment();
        if (!description.isArchiveDeployment()) {
            return;
        }
        Archive<?> archive = description.testable() && description.getTestableArchive() != null
                ? description.getTestableArchive() : description.getArchive();
        if (!(archive instanceof WebArchive)) {
            return;
        }
        WebArchive war = (WebArchive) archive;
        // A Deployer may deploy the same archive again after undeploying it: add the libraries once.
        if (war.contains(ArchivePaths.create("WEB-INF/lib", HEALTH_JAR))) {
            return;
        }
        war.addAsLibraries(stagedJars());
        war.addAsLibrary(healthEndpoint());
    }

    private static File[] stagedJars() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            throw new IllegalStateException("System property " + DIRECTORY_PROPERTY + " is not set: run the TCK"
                    + " through Maven (./mvnw verify), which stages the WAR libraries and sets it");
        }
        try (Stream<Path> files = Files.walk(Path.of(directory))) {
            File[] jars = files.filter(path -> path.toString().endsWith(".jar")).sorted().map(Path::toFile)
                    .toArray(File[]::new);
            if (jars.length == 0) {
                throw new IllegalStateException("No jars in " + directory + ": the build stages them in"
                        + " process-test-resources");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the WAR libraries in " + directory, e);
        }
    }

    private static JavaArchive healthEndpoint() {
        return ShrinkWrap.create(JavaArchive.class, HEALTH_JAR)
                .addClass(HealthReadinessServlet.class)
                .addAsManifestResource(new ClassLoaderAsset("io/drainkit/tck/jetty/web-fragment.xml"),
                        "web-fragment.xml");
    }
}

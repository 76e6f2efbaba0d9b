// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.arquillian;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.spi.event.container.BeforeDeploy;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Puts into {@code WEB-INF/lib} of every TCK WAR the jars a real application would carry: DrainKit itself, and
 * whatever else the runtime needs in the application (on embedded Jetty, Weld and SmallRye). The runtime's build
 * stages them in a directory and names it in the system property {@value #DIRECTORY_PROPERTY}; {@code none}
 * means the runtime provides DrainKit some other way.
 *
 * <p>An observer of {@link BeforeDeploy} rather than an {@code ApplicationArchiveProcessor}: Arquillian applies
 * archive processors only to {@code testable=true} deployments, and every TCK deployment is
 * {@code testable=false}. {@code BeforeDeploy} comes for managed deployments and for those a test deploys through
 * {@code Deployer}, right before the archive is handed to the runtime.
 *
 * @since 0.1
 */
public final class WarLibraries {

    /** The system property naming the directory (searched recursively) of jars to add, or {@code none}. */
    public static final String DIRECTORY_PROPERTY = "drainkit.tck.warLibraries";

    void addToEveryWar(@Observes BeforeDeploy event) {
        warAboutToDeploy(event).ifPresent(war -> {
            for (File jar : stagedJars()) {
                // A Deployer may deploy the same archive again after undeploying it: add each jar once.
                if (!war.contains(ArchivePaths.create("WEB-INF/lib", jar.getName()))) {
                    war.addAsLibrary(jar);
                }
            }
        });
    }

    /**
     * @param event Arquillian's event before a deployment
     * @return the WAR it is about to hand to the runtime (the testable one, where Arquillian made one), if it is a WAR
     */
    public static Optional<WebArchive> warAboutToDeploy(BeforeDeploy event) {
        DeploymentDescription description = event.getDeployment();
        if (!description.isArchiveDeployment()) {
            return Optional.empty();
        }
        Archive<?> archive = description.testable() && description.getTestableArchive() != null
                ? description.getTestableArchive()
                : description.getArchive();
        return archive instanceof WebArchive ? Optional.of((WebArchive) archive) : Optional.empty();
    }

    private static File[] stagedJars() {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null) {
            throw new IllegalStateException("System property " + DIRECTORY_PROPERTY + " is not set: name the"
                    + " directory of jars (drainkit-impl, drainkit-api, ...) to put in every test WAR, or 'none'"
                    + " if the runtime provides DrainKit itself (see tck/README.md)");
        }
        if (directory.equals("none")) {
            return new File[0];
        }
        try (Stream<Path> files = Files.walk(Path.of(directory))) {
            File[] jars = files.filter(path -> path.toString().endsWith(".jar"))
                    .sorted()
                    .map(Path::toFile)
                    .toArray(File[]::new);
            if (jars.length == 0) {
                throw new IllegalStateException("No jars in " + directory + " (" + DIRECTORY_PROPERTY
                        + "): the runtime's build should stage drainkit-impl and drainkit-api there");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the WAR libraries in " + directory, e);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.drainkit.Drain;
import io.drainkit.InFlightWork;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainSettings;

/**
 * One CDI application booted with Weld SE and the real DrainKit extension, which Weld finds as a server
 * does: through {@code ServiceLoader}, in DrainKit's classes on the class path. Nothing here adds the
 * extension or DrainKit's beans by hand.
 *
 * <p>Each instance is a separate application: a temporary directory plays its archive (an optional
 * {@code META-INF/beans.xml} and copies of the test's application classes), seen through its own class loader,
 * a child of the test class path. That loader is Weld's resource loader and, while the container boots, the
 * thread context class loader, so that {@code DrainRegistry} gives the application a fresh coordinator.
 * DrainKit's settings are system properties set only while the container boots, then restored;
 * {@code drainkit.delay} is {@code 0} unless the test sets it.
 *
 * <p>Requests are simulated without servlets through {@link #holdRequest(String)}; {@link #close()} completes
 * any the test left in flight, so that a failed test never leaves a shutdown waiting for its deadline.
 */
final class WeldApplication implements AutoCloseable {

    private final Path archive;
    private final URLClassLoader loader;
    private final ExecutorService shutdownThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "weld-shutdown");
        thread.setDaemon(true);
        return thread;
    });
    private final List<HeldRequest> heldRequests = new ArrayList<>();
    private WeldContainer container;
    private CompletableFuture<Void> shutdown;

    private WeldApplication(Path archive) throws IOException {
        this.archive = archive;
        this.loader = new URLClassLoader(
                "application", new URL[] {archive.toUri().toURL()}, WeldApplication.class.getClassLoader());
    }

    /** @return a builder for an application whose archive has no {@code beans.xml} and no classes yet */
    static Builder builder() {
        return new Builder();
    }

    /** @return the running container */
    WeldContainer container() {
        return container;
    }

    /** @return the application's class loader, whose resources are the archive and the test class path */
    ClassLoader classLoader() {
        return loader;
    }

    /** @return the {@link Drain} bean, which is the application's coordinator */
    DrainCoordinator drain() {
        return (DrainCoordinator) container.select(Drain.class).get();
    }

    /**
     * Counts a simulated request in, as the filter does.
     *
     * @param name what the report calls it
     * @return the request, to complete when the test chooses
     */
    HeldRequest holdRequest(String name) {
        DrainCoordinator drain = drain();
        HeldRequest request = new HeldRequest(
                drain, drain.enter(name, (held, age, beforeDrain) -> new InFlightWork("test", held, age, beforeDrain)));
        synchronized (heldRequests) {
            heldRequests.add(request);
        }
        return request;
    }

    /**
     * Shuts the container down on another thread, as a server's shutdown would.
     *
     * @return completes when {@code WeldContainer.shutdown()} has returned
     */
    CompletableFuture<Void> shutdownInBackground() {
        shutdown = CompletableFuture.runAsync(container::shutdown, shutdownThread);
        return shutdown;
    }

    @Override
    public void close() throws IOException {
        try {
            synchronized (heldRequests) {
                heldRequests.forEach(HeldRequest::complete);
            }
            if (shutdown != null) {
                shutdown.handle((done, failed) -> null).get(30, TimeUnit.SECONDS);
            } else if (container != null && container.isRunning()) {
                container.shutdown();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException stuck) {
            throw new IllegalStateException("the container's shutdown did not end within 30s", stuck);
        } finally {
            shutdownThread.shutdownNow();
            loader.close();
            delete(archive);
        }
    }

    private void boot(Builder builder) {
        Map<String, String> previous = new HashMap<>();
        builder.settings.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
        Thread thread = Thread.currentThread();
        ClassLoader previousContextLoader = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Weld weld = new Weld().setClassLoader(loader).skipShutdownHook();
            builder.declaredBeanClasses.forEach(weld::addBeanClass);
            container = weld.initialize();
        } finally {
            thread.setContextClassLoader(previousContextLoader);
            previous.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A simulated request, counted in by {@link #holdRequest(String)}; completing it twice counts it out once. */
    static final class HeldRequest {
        private final DrainCoordinator drain;
        private final int ticket;
        private boolean completed;

        private HeldRequest(DrainCoordinator drain, int ticket) {
            this.drain = drain;
            this.ticket = ticket;
        }

        /** Counts the request out, as the filter does when the response completes. */
        synchronized void complete() {
            if (!completed) {
                completed = true;
                drain.exit(ticket);
            }
        }
    }

    /** What the application's archive holds and how DrainKit is configured. */
    static final class Builder {
        private String discoveryMode;
        private final List<Class<?>> archiveClasses = new ArrayList<>();
        private final List<Class<?>> declaredBeanClasses = new ArrayList<>();
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {
            // No delay unless a test sets one: shutting an application down must not wait the default 10s.
            settings.put(DrainSettings.DELAY, "0");
        }

        /**
         * @param mode the {@code bean-discovery-mode} of the archive's {@code META-INF/beans.xml}
         * @return this
         */
        Builder beansXml(String mode) {
            discoveryMode = mode;
            return this;
        }

        /**
         * @param classes copied into the archive, so that Weld discovers them (or not) by its discovery mode
         * @return this
         */
        Builder archiveClasses(Class<?>... classes) {
            archiveClasses.addAll(List.of(classes));
            return this;
        }

        /**
         * @param classes declared to Weld as beans, without any archive scanning
         * @return this
         */
        Builder declaredBeanClasses(Class<?>... classes) {
            declaredBeanClasses.addAll(List.of(classes));
            return this;
        }

        /**
         * @param key   a DrainKit key such as {@code drainkit.delay}
         * @param value its value while the container boots
         * @return this
         */
        Builder setting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        /**
         * @return the running application
         * @throws jakarta.enterprise.inject.spi.DeploymentException if Weld refuses to deploy it
         */
        WeldApplication start() throws IOException {
            WeldApplication application = new WeldApplication(writeArchive());
            try {
                application.boot(this);
                return application;
            } catch (RuntimeException | Error failed) {
                try {
                    application.close();
                } catch (IOException | RuntimeException cleanup) {
                    failed.addSuppressed(cleanup);
                }
                throw failed;
            }
        }

        private Path writeArchive() throws IOException {
            Path root = Files.createTempDirectory("drainkit-cdi-");
            if (discoveryMode != null) {
                Path beansXml = root.resolve("META-INF/beans.xml");
                Files.createDirectories(beansXml.getParent());
                Files.writeString(
                        beansXml,
                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"\n"
                                + "       xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                                + "       xsi:schemaLocation=\"https://jakarta.ee/xml/ns/jakartaee"
                                + " https://jakarta.ee/xml/ns/jakartaee/beans_4_0.xsd\"\n"
                                + "       version=\"4.0\" bean-discovery-mode=\"" + discoveryMode + "\">\n"
                                + "</beans>\n");
            }
            for (Class<?> type : archiveClasses) {
                String file = type.getName().replace('.', '/') + ".class";
                Path copy = root.resolve(file);
                Files.createDirectories(copy.getParent());
                try (InputStream compiled = type.getClassLoader().getResourceAsStream(file)) {
                    Files.copy(compiled, copy);
                }
            }
            return root;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.Map;
import java.util.WeakHashMap;

import io.drainkit.DrainState;
import io.drainkit.LongLivedConnections;
import io.drainkit.impl.longlived.HeldConnections;

/**
 * Finds the one {@link DrainCoordinator} of the application being deployed, so that the servlet side
 * (the initializer) and the CDI side (the extension), which the container starts in either order, share
 * it. The coordinator lives here, outside both containers, so the drain outlives the application-scoped
 * beans whose destruction it delays.
 *
 * <p>Applications are told apart by class loader: the thread context class loader during deployment, when
 * it sees DrainKit's classes (DrainKit in {@code WEB-INF/lib}, or on an embedded application's class
 * path), else the loader that loaded DrainKit.
 *
 * <p>A CDI container always starts a new application: it takes the coordinator the servlet side created
 * in the same deployment, or creates a new one if the one found belongs to an earlier container (a Weld SE
 * application restarted in the same class loader). A drained coordinator is never reused.
 */
public final class DrainRegistry {

    private static final Map<ClassLoader, Registration> APPLICATIONS = new WeakHashMap<>();

    private DrainRegistry() {}

    /**
     * The coordinator for the servlet side of the application being deployed.
     *
     * @param contextLoader the deploying thread's context class loader
     * @return the application's coordinator, created if needed
     * @throws InvalidSettingsException if the application's configuration is wrong
     */
    public static synchronized DrainCoordinator forServletContainer(ClassLoader contextLoader) {
        ClassLoader application = applicationLoader(contextLoader);
        Registration found = APPLICATIONS.get(application);
        if (found != null && found.coordinator.state() != DrainState.DRAINED) {
            return found.coordinator;
        }
        return register(application, false).coordinator;
    }

    /**
     * The coordinator for a CDI container that is starting.
     *
     * @param contextLoader the deploying thread's context class loader
     * @return the application's coordinator, created if needed
     * @throws InvalidSettingsException if the application's configuration is wrong
     */
    public static synchronized DrainCoordinator forCdiContainer(ClassLoader contextLoader) {
        ClassLoader application = applicationLoader(contextLoader);
        Registration found = APPLICATIONS.get(application);
        if (found != null && !found.claimedByCdi && found.coordinator.state() != DrainState.DRAINED) {
            found.claimedByCdi = true;
            return found.coordinator;
        }
        return register(application, true).coordinator;
    }

    /**
     * @param coordinator an application's coordinator, from this registry
     * @return the long-lived connections its drain ends at the end of its delay
     */
    public static synchronized LongLivedConnections longLivedConnections(DrainCoordinator coordinator) {
        return APPLICATIONS.values().stream()
                .filter(registration -> registration.coordinator == coordinator)
                .findFirst()
                .orElseThrow()
                .connections;
    }

    private static Registration register(ClassLoader application, boolean claimedByCdi) {
        DrainSettings settings = DrainSettings.read(ConfigReader.forApplication(application));
        DrainClock clock = new SystemDrainClock();
        DrainCoordinator coordinator =
                new DrainCoordinator(settings, clock, DaemonThreads.sequential("drainkit-events"));
        HeldConnections connections = new HeldConnections(coordinator, settings.longLivedJitter(), clock);
        coordinator.addListener(connections);
        Registration registration = new Registration(coordinator, connections, claimedByCdi);
        APPLICATIONS.put(application, registration);
        return registration;
    }

    private static ClassLoader applicationLoader(ClassLoader contextLoader) {
        ClassLoader own = DrainRegistry.class.getClassLoader();
        if (contextLoader == null || contextLoader == own) {
            return own;
        }
        try {
            return Class.forName(DrainRegistry.class.getName(), false, contextLoader) == DrainRegistry.class
                    ? contextLoader
                    : own;
        } catch (ClassNotFoundException | LinkageError notVisible) {
            return own;
        }
    }

    private static final class Registration {
        final DrainCoordinator coordinator;
        final HeldConnections connections;
        boolean claimedByCdi;

        Registration(DrainCoordinator coordinator, HeldConnections connections, boolean claimedByCdi) {
            this.coordinator = coordinator;
            this.connections = connections;
            this.claimedByCdi = claimedByCdi;
        }
    }
}

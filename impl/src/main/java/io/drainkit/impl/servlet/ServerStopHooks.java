// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainMessages;
import io.drainkit.impl.ServerStopHook;
import io.drainkit.impl.SetupMessages;

/**
 * The server adapters found in the application ({@link ServerStopHook}s), installed when it starts and removed when it
 * is undeployed. An adapter that cannot hook into this server (another server, an older version, a class missing) is
 * logged once ({@code DRAINKIT-0026}) and left out: the application drains as it would without it.
 *
 * <p>Installed and closed on the container's deploying thread.
 */
final class ServerStopHooks implements AutoCloseable {

    private final List<AutoCloseable> installed;

    private ServerStopHooks(List<AutoCloseable> installed) {
        this.installed = installed;
    }

    /**
     * @param coordinator the application's drain
     * @param loader      the application's class loader, where the adapters' service files are
     * @return the hooks installed, to close at undeploy
     */
    static ServerStopHooks install(DrainCoordinator coordinator, ClassLoader loader) {
        List<AutoCloseable> installed = new ArrayList<>();
        Iterator<ServerStopHook> hooks =
                ServiceLoader.load(ServerStopHook.class, loader).iterator();
        while (true) {
            String name = ServerStopHook.class.getName();
            try {
                if (!hooks.hasNext()) {
                    break;
                }
                ServerStopHook hook = hooks.next();
                name = hook.name();
                installed.add(hook.install(coordinator));
            } catch (Exception | ServiceConfigurationError | LinkageError absent) {
                SetupMessages.serverAdapterAbsent(name, coordinator.application(), absent);
            }
        }
        return new ServerStopHooks(installed);
    }

    @Override
    public void close() {
        for (AutoCloseable hook : installed) {
            try {
                hook.close();
            } catch (Exception | LinkageError failure) {
                DrainMessages.shutdownDrainFailed(failure);
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.jmx.DrainControl;

/**
 * Takes the application out of service when the container destroys it: its MBean goes (no stale MBean, and the other
 * applications no longer count it in their drains), so do its server adapters' hooks ({@link ServerStopHooks}), and its
 * drain is told that the container routes no more requests to it: a servlet context being destroyed serves nothing (Servlet 6.0, 4.4: every servlet and filter is destroyed before the listeners hear of it). A drain
 * that starts from then on, at the container's shutdown, skips its delay.
 *
 * <p>Why a listener and not the filter's {@code destroy()}: a container need not destroy a filter it never initialized,
 * and Undertow (WildFly) initializes filters at their first request, so an application that served none was never told,
 * and held WildFly's shutdown for the whole delay (issue 11). Every container calls {@code contextDestroyed}, and
 * before CDI's shutdown events, where DrainKit's container-shutdown drain starts: WildFly 39, Open Liberty 26 and
 * Payara Micro 6 all call the filter's {@code destroy()} (if at all), then {@code contextDestroyed}, then fire
 * {@code Shutdown} and {@code @BeforeDestroyed(ApplicationScoped.class)}. Embedded Jetty + Weld SE drains at Weld's
 * shutdown, before Jetty stops, so the listener comes after that drain and leaves its delay alone.
 *
 * <p>Called by the container, once, on the thread that stops the application.
 */
final class OutOfServiceListener implements ServletContextListener {

    private final DrainCoordinator coordinator;
    private final DrainControl control;
    private final ServerStopHooks serverStopHooks;

    OutOfServiceListener(DrainCoordinator coordinator, DrainControl control, ServerStopHooks serverStopHooks) {
        this.coordinator = coordinator;
        this.control = control;
        this.serverStopHooks = serverStopHooks;
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        coordinator.containerStoppedRouting();
        control.unregister();
        // An undeployed application's hook must not hold a later server stop (nor keep its class loader alive).
        serverStopHooks.close();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import java.util.EnumSet;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;

import io.drainkit.Drain;
import io.drainkit.DrainEndpoints;
import io.drainkit.LongLivedConnections;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainRegistry;
import io.drainkit.impl.DrainSettings;
import io.drainkit.impl.InvalidSettingsException;
import io.drainkit.impl.SetupMessages;
import io.drainkit.impl.jmx.DrainControl;

/**
 * Installs DrainKit in a web application: the in-flight filter (before any filter the application
 * declares), the readiness endpoint, when enabled the preStop endpoint, the server adapters found in the application
 * ({@link ServerStopHooks}), and the listener that tells the drain when the container stops routing to the application
 * ({@link OutOfServiceListener}). A
 * {@link ServletContainerInitializer} so that it also runs under {@code metadata-complete="true"}.
 * Publishes the application's {@link Drain} and {@link LongLivedConnections} as servlet context attributes.
 *
 * <p>Bad configuration fails the deployment with a message that names the key.
 */
public final class DrainKitInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        DrainCoordinator coordinator;
        try {
            coordinator =
                    DrainRegistry.forServletContainer(Thread.currentThread().getContextClassLoader());
        } catch (InvalidSettingsException invalid) {
            throw new ServletException(invalid.getMessage(), invalid);
        }
        DrainSettings settings = coordinator.settings();
        if (!settings.enabled()) {
            SetupMessages.disabled();
            return;
        }
        context.setAttribute(Drain.SERVLET_CONTEXT_ATTRIBUTE, coordinator);
        context.setAttribute(
                LongLivedConnections.SERVLET_CONTEXT_ATTRIBUTE, DrainRegistry.longLivedConnections(coordinator));
        coordinator.nameApplication(context.getContextPath());

        FilterRegistration.Dynamic filter =
                context.addFilter("drainkit-in-flight", new InFlightFilter(coordinator, settings));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        map(context, "drainkit-readiness", new ReadinessServlet(coordinator), DrainEndpoints.READINESS_PATH);
        if (settings.preStopEnabled()) {
            map(
                    context,
                    "drainkit-prestop",
                    new PreStopServlet(coordinator, settings.preStopToken().orElseThrow()),
                    settings.preStopPath());
        }
        // Last, once nothing can fail the deployment any more: a failed deployment leaves no MBean behind.
        context.addListener(new OutOfServiceListener(
                coordinator,
                DrainControl.register(coordinator),
                ServerStopHooks.install(coordinator, Thread.currentThread().getContextClassLoader())));
        SetupMessages.installed(context.getContextPath(), settings);
    }

    private static void map(ServletContext context, String name, Servlet servlet, String path) throws ServletException {
        ServletRegistration.Dynamic registration = context.addServlet(name, servlet);
        if (registration == null) {
            throw new ServletException(SetupMessages.servletNameTaken(name, path));
        }
        registration.setAsyncSupported(true);
        Set<String> conflicts = registration.addMapping(path);
        if (!conflicts.isEmpty()) {
            throw new ServletException(SetupMessages.pathTaken(path));
        }
    }
}

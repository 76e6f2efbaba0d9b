// SPDX-License-Identifier: Apache-2.0
package io.drainkit.wildfly;

import java.util.function.Supplier;

import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.as.server.suspend.SuspendableActivityRegistry;
import org.jboss.msc.Service;
import org.jboss.msc.service.ServiceBuilder;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.jboss.msc.service.StartContext;
import org.jboss.msc.service.StopContext;

import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.ServerStopHook;

/**
 * Hooks the drain into WildFly's suspend (WildFly Core 26+, WildFly 34 and later): a {@link DrainOnStop} activity in
 * the server's {@link SuspendableActivityRegistry}, held by a small MSC service of the application's own. The registry
 * is reached only as the service's dependency: looking it up in the container answers
 * {@code UnsupportedOperationException}. The service registers the activity when it starts and unregisters it when it
 * stops, which {@link #install(DrainCoordinator)}'s closer asks for when the application is undeployed, so a redeployed
 * application is hooked once, and an undeployed one never holds the server's stop.
 *
 * <p>Found through {@code META-INF/services/io.drainkit.impl.ServerStopHook}; WildFly's classes reach the WAR through
 * this jar's {@code Dependencies} manifest entry. On a server without them {@link #install(DrainCoordinator)} fails
 * with a {@link LinkageError}, and DrainKit goes on without the hook.
 */
public final class WildFlySuspendHook implements ServerStopHook {

    @Override
    public String name() {
        return "drainkit-wildfly";
    }

    @Override
    public AutoCloseable install(DrainCoordinator coordinator) {
        ServiceBuilder<?> builder =
                CurrentServiceContainer.getServiceContainer().addService();
        Supplier<SuspendableActivityRegistry> registry =
                builder.requires(ServiceName.parse(SuspendableActivityRegistry.SERVICE_DESCRIPTOR.getName()));
        ServiceController<?> controller = builder.setInstance(new Registration(registry, new DrainOnStop(coordinator)))
                .install();
        return () -> controller.setMode(ServiceController.Mode.REMOVE);
    }

    /** Keeps the activity registered while the service is up. Called by MSC, on its threads. */
    private static final class Registration implements Service {
        private final Supplier<SuspendableActivityRegistry> registry;
        private final DrainOnStop activity;

        Registration(Supplier<SuspendableActivityRegistry> registry, DrainOnStop activity) {
            this.registry = registry;
            this.activity = activity;
        }

        @Override
        @SuppressWarnings("removal") // The one registration WildFly Core 26 to 31 offers; its successor is not in 39.
        public void start(StartContext context) {
            registry.get().registerActivity(activity);
        }

        @Override
        public void stop(StopContext context) {
            registry.get().unregisterActivity(activity);
        }
    }
}

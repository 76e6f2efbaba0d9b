// SPDX-License-Identifier: Apache-2.0
package io.drainkit.payara;

import org.glassfish.api.event.EventListener;
import org.glassfish.api.event.EventTypes;
import org.glassfish.api.event.Events;
import org.glassfish.internal.api.Globals;

import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.ServerStopDrain;
import io.drainkit.impl.ServerStopHook;

/**
 * Hooks the drain into Payara's stop: a listener on the kernel's HK2 event service ({@link Events}, reached through
 * {@link Globals}) that drains on {@link EventTypes#PREPARE_SHUTDOWN}. Payara sends that event synchronously, on the
 * thread that stops the server (its SIGTERM hook, and {@code asadmin stop-domain} on Payara Server), before it stops any
 * application or listener: the application serves through the drain's delay with readiness DOWN and
 * {@code Connection: close}, and the stop goes on once it is drained, or at the drain's deadline
 * ({@link ServerStopDrain}). Several DrainKit applications each have a listener: the first starts the drain of every
 * {@code server} application and returns when all have ended; the others find their drain over.
 *
 * <p>By then Payara has already stopped its managed executor service and the transaction manager's timer: work the
 * application starts on them during the delay fails. The listener is unregistered when the application is undeployed.
 */
public final class PayaraShutdownHook implements ServerStopHook {

    @Override
    public String name() {
        return "drainkit-payara";
    }

    @Override
    public AutoCloseable install(DrainCoordinator coordinator) {
        Events events = Globals.get(Events.class);
        if (events == null) {
            throw new IllegalStateException("no HK2 Events service in Globals: not a Payara (or GlassFish) kernel");
        }
        EventListener listener = event -> {
            if (event.is(EventTypes.PREPARE_SHUTDOWN)) {
                ServerStopDrain.run(coordinator);
            }
        };
        events.register(listener);
        return () -> events.unregister(listener);
    }
}

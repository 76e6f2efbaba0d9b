// SPDX-License-Identifier: Apache-2.0
package io.drainkit.wildfly;

import java.util.concurrent.CompletionStage;

import org.jboss.as.server.suspend.ServerResumeContext;
import org.jboss.as.server.suspend.ServerSuspendContext;
import org.jboss.as.server.suspend.SuspendableActivity;

import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.ServerStopDrain;

/**
 * Drains in the {@code prepare} stage of a suspend that is part of the server's stop (SIGTERM, {@code :shutdown}).
 * WildFly's suspend runs every activity's {@code prepare} and only when all have completed any {@code suspend}; the
 * request controller starts answering {@code 503} in its {@code suspend} stage. So the application serves through the
 * drain's delay with readiness DOWN and {@code Connection: close}, and WildFly stops routing once it is drained.
 *
 * <p>{@code prepare} blocks its caller, the thread that stops the server, rather than returning a stage that completes
 * later: WildFly cuts a pending {@code prepare} at its own suspend timeout ({@code org.wildfly.sigterm.suspend.timeout},
 * half a second by default), while a blocking one is not bounded by the server at all, so
 * {@link ServerStopDrain#run(DrainCoordinator)} bounds it by the drain's deadline. Several DrainKit applications each
 * have an activity, and WildFly calls them one after another: the first starts the drain of every {@code server}
 * application and returns when all have ended; the others find their drain over and return at once.
 *
 * <p>A management {@code :suspend} is not a stop ({@link ServerSuspendContext#isStopping()} is {@code false}): it does
 * not drain, so that {@code :resume} finds the application serving, readiness UP.
 */
final class DrainOnStop implements SuspendableActivity {

    private final DrainCoordinator coordinator;

    DrainOnStop(DrainCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    public CompletionStage<Void> prepare(ServerSuspendContext context) {
        if (context.isStopping()) {
            ServerStopDrain.run(coordinator);
        }
        return COMPLETED;
    }

    @Override
    public CompletionStage<Void> suspend(ServerSuspendContext context) {
        return COMPLETED;
    }

    @Override
    public CompletionStage<Void> resume(ServerResumeContext context) {
        return COMPLETED;
    }
}

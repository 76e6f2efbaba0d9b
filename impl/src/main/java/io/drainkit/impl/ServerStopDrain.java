// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;

/**
 * The drain a {@link ServerStopHook} runs in the server's own stop: starts the drain (of every {@code server}
 * application, one delay for all, see {@link DrainCoordinator#start(DrainTrigger)}) or joins the one running or ended,
 * and holds the calling thread, which is the server's stopping thread, until it has ended. Servers do not bound this
 * wait (WildFly's suspend waits for a blocking {@code prepare} without a timeout), so DrainKit does: at most until the
 * running drain's deadline (the latest of the applications taking part) plus {@link #MARGIN}, then the stop goes on.
 *
 * <p>Never throws into the server's stop. Thread-safe; stateless.
 */
public final class ServerStopDrain {

    /** Beyond the drain's own deadline, how long a server's stop waits before giving up on it. */
    public static final Duration MARGIN = Duration.ofSeconds(5);

    private ServerStopDrain() {}

    /**
     * Drains on the calling thread: returns when the drain has ended, or after its deadline plus {@link #MARGIN}.
     *
     * @param coordinator the application's drain
     */
    public static void run(DrainCoordinator coordinator) {
        Duration bound = MARGIN;
        try {
            CompletionStage<DrainReport> drained = coordinator.start(DrainTrigger.SERVER_STOP);
            bound = coordinator.waitLimit(MARGIN);
            drained.toCompletableFuture().get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException notDrained) {
            DrainMessages.shutdownWaitEnded(bound);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException | LinkageError failure) {
            DrainMessages.shutdownDrainFailed(failure);
        }
    }
}

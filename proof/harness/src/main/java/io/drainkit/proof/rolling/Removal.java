// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.drainkit.proof.HaProxy;

/**
 * The endpoint's removal reaching the load balancer some time after the trigger, as kube-proxy learns of a deleted
 * pod: a thread that waits, then disables the server in HAProxy. Started at most once; {@link #cancel()} and
 * {@link #verify()} are called by the thread that started it.
 */
final class Removal {

    private final String server;
    private Thread thread;
    private volatile IOException failure;

    /** @param server the HAProxy server to take out */
    Removal(String server) {
        this.server = server;
    }

    /**
     * @param lb    the load balancer
     * @param after how long from now
     */
    void start(HaProxy lb, Duration after) {
        thread = new Thread(
                () -> {
                    try {
                        TimeUnit.MILLISECONDS.sleep(after.toMillis());
                        lb.disable(server);
                    } catch (InterruptedException cancelled) {
                        Thread.currentThread().interrupt();
                    } catch (IOException failed) {
                        failure = failed;
                    }
                },
                "removal-" + server);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops waiting, if it still waits; a removal already sent stays. */
    void cancel() throws InterruptedException {
        if (thread != null) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    /** @throws IOException if HAProxy did not take the removal */
    void verify() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/** An application-scoped bean: gone once the application's CDI container has shut down. Thread-safe. */
@ApplicationScoped
public class Visits {
    private final AtomicLong count = new AtomicLong();

    /** @return the visits so far, this one included */
    public long increment() {
        return count.incrementAndGet();
    }
}

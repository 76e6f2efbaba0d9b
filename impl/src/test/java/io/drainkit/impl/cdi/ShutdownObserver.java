// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.inject.Inject;

import io.drainkit.Drain;
import io.drainkit.DrainState;

/** An application bean that records the drain state its CDI 4 {@code Shutdown} observer sees. */
@ApplicationScoped
public class ShutdownObserver {

    /** What each instance's observer saw; static, as the bean is gone when the test looks. */
    static final List<DrainState> SEEN = new CopyOnWriteArrayList<>();

    @Inject
    Drain drain;

    void onShutdown(@Observes Shutdown shutdown) {
        SEEN.add(drain.state());
    }
}

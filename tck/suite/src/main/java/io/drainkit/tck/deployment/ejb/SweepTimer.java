// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.ejb;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;

import io.drainkit.Drained;
import io.drainkit.LatePolicy;
import io.drainkit.tck.deployment.app.Gates;

/**
 * An EJB whose timer callback DrainKit drains: {@code @Drained(late = SKIP)} on the {@code @Timeout} method only, so
 * that the business methods the servlet calls are not counted. Each callback counts its run, then waits for the gate
 * named in the timer's info. Bean-managed concurrency: a callback that waits holds no lock the servlet would need.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SweepTimer {

    private static final AtomicInteger RUNS = new AtomicInteger();

    @Resource
    private TimerService timers;

    /** @param gate the gate the callback waits for, once it fires: in a millisecond */
    public void schedule(String gate) {
        timers.createSingleActionTimer(1, new TimerConfig(gate, false));
    }

    /** @return timers created and not yet fired (a fired single-action timer, run or skipped, is gone) */
    public int pending() {
        return timers.getTimers().size();
    }

    /** @return callbacks that ran (a skipped one did not) */
    public int runs() {
        return RUNS.get();
    }

    /** @param timer the timer that fired, with the gate's name as its info */
    @Timeout
    @Drained(late = LatePolicy.SKIP)
    public void sweep(Timer timer) {
        RUNS.incrementAndGet();
        Gates.pass(Gates.gate((String) timer.getInfo()));
    }
}

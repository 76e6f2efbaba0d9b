// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.AroundTimeout;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.drainkit.Drain;
import io.drainkit.Drained;
import io.drainkit.InFlightWork;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.WorkNamer;
import io.drainkit.impl.WorkUnits;

/**
 * The interceptor of {@link Drained}: counts each business-method call ({@code call}) and each timer callback
 * ({@code timer}) of the bean as a unit of work in flight, and applies the binding's {@link Drained#late()} policy to
 * those that begin after the drain's delay ({@link LateCalls}). Registered by {@link DrainExtension}, enabled for the
 * whole application by its priority: first among the platform's interceptors, so that the unit covers the others.
 *
 * <p>While the application serves it allocates nothing, takes no lock and reads no clock: the invocation context is
 * the unit (named only if a deadline cuts it) and the namers are constants.
 */
@Drained
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class DrainedInterceptor {

    private static final WorkNamer<InvocationContext> CALL = WorkNamer.notTraffic(
            (call, age, beforeDrain) -> new InFlightWork(InFlightWork.CALL, LateCalls.name(call), age, beforeDrain));
    private static final WorkNamer<InvocationContext> TIMER = WorkNamer.notTraffic(
            (call, age, beforeDrain) -> new InFlightWork(InFlightWork.TIMER, LateCalls.name(call), age, beforeDrain));

    private final WorkUnits work;

    /** @param drain the application's drain, as DrainExtension registers it */
    @Inject
    public DrainedInterceptor(Drain drain) {
        this.work = ((DrainCoordinator) drain).work();
    }

    /**
     * @param call a business-method call
     * @return what it returned
     * @throws Exception what it threw
     */
    @AroundInvoke
    public Object call(InvocationContext call) throws Exception {
        return proceedCounted(call, InFlightWork.CALL, CALL);
    }

    /**
     * @param callback a timer callback
     * @return what it returned
     * @throws Exception what it threw
     */
    @AroundTimeout
    public Object timer(InvocationContext callback) throws Exception {
        return proceedCounted(callback, InFlightWork.TIMER, TIMER);
    }

    private Object proceedCounted(InvocationContext call, String kind, WorkNamer<InvocationContext> namer)
            throws Exception {
        // Asked before counting, as the filter asks of late requests: work that does not run is never counted.
        if (work.isDelayOver() && !LateCalls.runs(call, kind)) {
            return null;
        }
        int ticket = work.enter(call, namer);
        try {
            return call.proceed();
        } finally {
            work.exit(ticket, kind);
        }
    }
}

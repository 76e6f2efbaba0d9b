// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.interceptor.InvocationContext;

import io.drainkit.Drained;
import io.drainkit.LatePolicy;
import io.drainkit.LateWorkRejectedException;
import io.drainkit.impl.DrainMessages;

/**
 * What a {@link Drained} bean does with a call or a timer callback that begins after the drain's delay: its binding's
 * {@link LatePolicy}, the method's annotation first, then its class's. Consulted only once the delay is over, never
 * while the application serves. One per application: each WAR loads its own copy of DrainKit, and an application
 * drains once.
 *
 * <p>Thread-safe.
 */
final class LateCalls {

    private static final Map<Method, LatePolicy> POLICIES = new ConcurrentHashMap<>();
    /** The methods whose skip has been logged: once each. */
    private static final Set<String> SKIPS_LOGGED = ConcurrentHashMap.newKeySet();

    private LateCalls() {}

    /**
     * @param call a call that begins after the delay
     * @param kind {@code call} or {@code timer}
     * @return whether to run it; {@code false} to skip it, returning nothing
     * @throws LateWorkRejectedException if its policy rejects it, or skips it but it must return a value
     */
    static boolean runs(InvocationContext call, String kind) {
        LatePolicy policy = POLICIES.computeIfAbsent(call.getMethod(), method -> policy(method, call.getTarget()));
        if (policy == LatePolicy.RUN) {
            return true;
        }
        String name = name(call);
        if (policy == LatePolicy.SKIP && call.getMethod().getReturnType() == void.class) {
            if (SKIPS_LOGGED.add(name)) {
                DrainMessages.lateWorkSkipped(kind, name);
            }
            return false;
        }
        throw new LateWorkRejectedException(DrainMessages.lateWorkRejected(kind, name));
    }

    /**
     * @param call a call or timer callback
     * @return how a report names it: the simple name of the bean's class and the method, {@code OrderSweep.sweep}
     */
    static String name(InvocationContext call) {
        Method method = call.getMethod();
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    private static LatePolicy policy(Method method, Object target) {
        Drained binding = method.getAnnotation(Drained.class);
        if (binding == null) {
            binding = method.getDeclaringClass().getAnnotation(Drained.class);
        }
        if (binding == null && target != null) {
            // @Inherited: the container's subclass of the bean finds the bean class's binding.
            binding = target.getClass().getAnnotation(Drained.class);
        }
        return binding == null ? LatePolicy.RUN : binding.late();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.benchmarks;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Map;

import jakarta.interceptor.InvocationContext;

/**
 * A business-method call as an interceptor sees it, reduced to what DrainKit's interceptor touches while the
 * application serves: {@link #proceed()}. One per benchmark thread, as each thread makes its own calls; the rest of
 * the context is there because the interface asks for it, and is never called here.
 */
final class InterceptedCall implements InvocationContext {

    private static final Method METHOD;

    static {
        try {
            METHOD = InterceptedCall.class.getDeclaredMethod("proceed");
        } catch (NoSuchMethodException impossible) {
            throw new ExceptionInInitializerError(impossible);
        }
    }

    private final Object result = new Object();

    @Override
    public Object proceed() {
        return result;
    }

    @Override
    public Object getTarget() {
        return this;
    }

    @Override
    public Object getTimer() {
        return null;
    }

    @Override
    public Method getMethod() {
        return METHOD;
    }

    @Override
    public Constructor<?> getConstructor() {
        return null;
    }

    @Override
    public Object[] getParameters() {
        return new Object[0];
    }

    @Override
    public void setParameters(Object[] params) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> getContextData() {
        return Map.of();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.telemetry;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import io.opentelemetry.api.OpenTelemetry;

/**
 * A real SDK seen through an OpenTelemetry API older than 1.32: {@code setExplicitBucketBoundariesAdvice} fails as it
 * does there, with {@link NoSuchMethodError}; everything else is the SDK's.
 */
final class WithoutBucketAdvice implements InvocationHandler {

    private final Object target;

    private WithoutBucketAdvice(Object target) {
        this.target = target;
    }

    static OpenTelemetry wrap(OpenTelemetry sdk) {
        return (OpenTelemetry) wrapped(sdk, OpenTelemetry.class);
    }

    private static Object wrapped(Object target, Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, new WithoutBucketAdvice(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getName().equals("setExplicitBucketBoundariesAdvice")) {
            throw new NoSuchMethodError(method.toString());
        }
        Object result;
        try {
            result = method.invoke(target, arguments);
        } catch (InvocationTargetException failure) {
            throw failure.getCause();
        }
        // The builders and the meter are interfaces of the API: keep looking through them.
        Class<?> returned = method.getReturnType();
        return returned.isInterface() && returned.getPackageName().startsWith("io.opentelemetry.api.metrics")
                ? wrapped(result, returned)
                : result;
    }
}

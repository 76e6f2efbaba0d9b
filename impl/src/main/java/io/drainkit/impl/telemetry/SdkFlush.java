// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.telemetry;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.OpenTelemetry;

import io.drainkit.impl.DrainMessages;

/**
 * Asks the OpenTelemetry SDK behind an {@code OpenTelemetry} instance to export its metrics now. The API has no flush;
 * the SDK has {@code OpenTelemetrySdk.getSdkMeterProvider().forceFlush()}, reached here by reflection because the
 * SDK is the server's, not visible to the application on every server (WildFly shows the application the API only),
 * and DrainKit must not depend on it. A Weld client proxy (a normal-scoped bean) is looked through. Where the instance is not the SDK's own (a no-op, a wrapper), there is nothing
 * to ask, and the figures go at the next export or when the server shuts the SDK down.
 */
final class SdkFlush {

    private SdkFlush() {}

    /**
     * @param openTelemetry the application's
     * @param limit         the longest to wait for the exporter
     * @return {@code true} if the exporter took the metrics within {@code limit}
     */
    static boolean flush(OpenTelemetry openTelemetry, Duration limit) {
        Object meterProvider;
        Object result;
        try {
            meterProvider = call(unproxied(openTelemetry), "getSdkMeterProvider");
            result = call(meterProvider, "forceFlush");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notTheSdk) {
            DrainMessages.metricsNotFlushed(
                    limit,
                    "no SDK meter provider behind " + openTelemetry.getClass().getName());
            return false;
        }
        try {
            Method join = result.getClass().getMethod("join", long.class, TimeUnit.class);
            join.invoke(result, limit.toMillis(), TimeUnit.MILLISECONDS);
            if (Boolean.TRUE.equals(call(result, "isSuccess"))) {
                return true;
            }
            DrainMessages.metricsNotFlushed(limit, "the exporter did not confirm");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failure) {
            DrainMessages.metricsNotFlushed(limit, failure.toString());
        }
        return false;
    }

    /**
     * Open Liberty's {@code OpenTelemetry} bean is {@code @ApplicationScoped}: what CDI hands out is Weld's client proxy,
     * which has the bean's types only. Weld's proxies give their instance through {@code WeldClientProxy}.
     */
    private static Object unproxied(Object bean) {
        try {
            return call(call(bean, "getMetadata"), "getContextualInstance");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notAWeldProxy) {
            return bean;
        }
    }

    /** Calls a public method through a public type that declares it: the object's own class may not be public. */
    private static Object call(Object target, String name) throws ReflectiveOperationException {
        Method method = publicDeclaration(target.getClass(), name);
        if (method == null) {
            throw new NoSuchMethodException(target.getClass().getName() + "." + name + "()");
        }
        return method.invoke(target);
    }

    private static Method publicDeclaration(Class<?> type, String name) {
        if (type == null) {
            return null;
        }
        if (Modifier.isPublic(type.getModifiers())) {
            try {
                return type.getMethod(name);
            } catch (NoSuchMethodException notHere) {
                return null;
            }
        }
        for (Class<?> contract : type.getInterfaces()) {
            Method found = publicDeclaration(contract, name);
            if (found != null) {
                return found;
            }
        }
        return publicDeclaration(type.getSuperclass(), name);
    }
}

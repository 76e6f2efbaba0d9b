package io.drainkit.impl.telemetry;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.drainkit.impl.DrainMessages;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Asks the OpenTelemetry SDK behind an {@code OpenTelemetry} instance to export its metrics now. The API has no flush;
 * the SDK has {@code OpenTelemetrySdk.getSdkMeterProvider().forceFlush()}, reached here by reflection because the
 * SDK is the server's, not visible to the application on every server (WildFly shows the application the API only),
 * and DrainKit must not depend on it. Where the instance is not the SDK's own (a no-op, a wrapper), there is nothing
 * to ask, and the figures go at the next export or when the server shuts the SDK down.
 */
final class SdkFlush {

    private SdkFlush() {
    }

    /**
     * @param openTelemetry the application's
     * @param limit         the longest to wait for the exporter
     * @return {@code true} if the exporter took the metrics within {@code limit}
     */
    static boolean flush(OpenTelemetry openTelemetry, Duration limit) {
        Object meterProvider;
        Object result;
        try {
            meterProvider = call(openTelemetry, "getSdkMeterProvider");
            result = call(meterProvider, "forceFlush");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notTheSdk) {
            DrainMessages.metricsNotFlushed(limit, "no SDK meter provider behind " + openTelemetry.getClass().getName());
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

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        return target.getClass().getMethod(method).invoke(target);
    }
}

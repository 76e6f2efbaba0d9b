// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.telemetry;

import jakarta.enterprise.inject.spi.BeanManager;

import io.drainkit.Drain;
import io.drainkit.impl.DrainMessages;
import io.drainkit.impl.DrainMetrics;
import io.drainkit.impl.OptionalApi;

/**
 * Whether the application has OpenTelemetry, and its drain metrics if so. This class references no OpenTelemetry
 * type, so that DrainKit deploys, and records nothing, where the API is absent: nothing of OpenTelemetry is ever in
 * DrainKit's jar or the application's {@code WEB-INF/lib} on its account.
 *
 * <p>The {@code OpenTelemetry} instance comes from CDI, not from {@code GlobalOpenTelemetry}: MicroProfile Telemetry
 * 2 requires the bean, and WildFly gives each deployment an SDK of its own through it while leaving the global one
 * a no-op.
 */
public final class OpenTelemetryMetrics {

    private static final String OPEN_TELEMETRY = "io.opentelemetry.api.OpenTelemetry";

    private OpenTelemetryMetrics() {}

    /** @return {@code true} if the OpenTelemetry API is visible to DrainKit */
    public static boolean isPresent() {
        return OptionalApi.isVisible(OPEN_TELEMETRY);
    }

    /**
     * Registers DrainKit's instruments with the application's {@code OpenTelemetry} bean.
     *
     * @param beanManager the application's, once its deployment is validated
     * @param drain       the application's drain, whose figures the instruments report
     * @return the drain's metrics; {@link DrainMetrics#NONE} without the API or the bean, or if registering failed
     */
    public static DrainMetrics forApplication(BeanManager beanManager, Drain drain) {
        if (!isPresent()) {
            return DrainMetrics.NONE;
        }
        try {
            return DrainInstruments.fromContainer(beanManager, drain);
        } catch (RuntimeException | LinkageError failure) {
            DrainMessages.metricsFailed("register", failure);
            return DrainMetrics.NONE;
        }
    }
}

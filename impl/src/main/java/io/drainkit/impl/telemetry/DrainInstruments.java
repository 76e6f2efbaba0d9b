// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;

import io.drainkit.Drain;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainMessages;
import io.drainkit.impl.DrainMetrics;
import io.drainkit.impl.SetupMessages;

/**
 * DrainKit's instruments on one application's {@code OpenTelemetry}, all named {@code drainkit.*} (the README's
 * Metrics section is their documentation; change both together).
 *
 * <p>The requests in flight are an asynchronous instrument that reads the drain's count when the SDK collects: the
 * per-request path is unchanged. Not {@code http.server.active_requests}: that semantic convention requires the
 * request's method and scheme, which a count of the whole table does not have, and the server's own HTTP
 * instrumentation may report it already.
 *
 * <p>Thread-safe; never throws into the drain.
 */
final class DrainInstruments implements DrainMetrics {

    static final String SCOPE = "io.drainkit";
    static final AttributeKey<String> APPLICATION = AttributeKey.stringKey("drainkit.application");
    static final AttributeKey<String> TRIGGER = AttributeKey.stringKey("drainkit.trigger");
    /** Seconds: drains last from nothing to a few minutes; the SDK's default buckets are made for milliseconds. */
    static final List<Double> SECONDS_BUCKETS =
            List.of(0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 45.0, 60.0, 90.0, 120.0, 300.0);

    private final OpenTelemetry openTelemetry;
    private final Drain drain;
    private final ObservableLongUpDownCounter active;
    private final LongCounter drains;
    private final DoubleHistogram duration;
    private final DoubleHistogram delay;
    private final LongCounter served;
    private final LongCounter cut;
    private final LongCounter refused;

    DrainInstruments(OpenTelemetry openTelemetry, Drain drain) {
        this.openTelemetry = openTelemetry;
        this.drain = drain;
        Meter meter = openTelemetry.meterBuilder(SCOPE).build();
        active = meter.upDownCounterBuilder("drainkit.requests.active")
                .setUnit("{request}")
                .setDescription("Requests in flight in the application now")
                .buildWithCallback(measurement -> measurement.record(drain.inFlight(), application()));
        drains = meter.counterBuilder("drainkit.drains")
                .setUnit("{drain}")
                .setDescription("Drains started, by trigger")
                .build();
        duration = seconds(meter, "drainkit.drain.duration", "From the trigger to the end of the drain");
        delay = seconds(
                meter,
                "drainkit.drain.delay",
                "How long the application served on with readiness DOWN before waiting for what was in flight");
        served = meter.counterBuilder("drainkit.drain.requests.served")
                .setUnit("{request}")
                .setDescription("Requests completed between a drain's trigger and its end")
                .build();
        cut = meter.counterBuilder("drainkit.drain.requests.cut")
                .setUnit("{request}")
                .setDescription("Requests and other work still in flight when a drain's deadline cut it")
                .build();
        refused = meter.counterBuilder("drainkit.prestop.refused")
                .setUnit("{call}")
                .setDescription("preStop calls refused for a missing, wrong or repeated token")
                .build();
    }

    /** @return the instruments on the {@code OpenTelemetry} bean of the application, or {@link DrainMetrics#NONE} */
    static DrainMetrics fromContainer(BeanManager beanManager, Drain drain) {
        Instance<OpenTelemetry> found = beanManager.createInstance().select(OpenTelemetry.class);
        if (!found.isResolvable()) {
            return DrainMetrics.NONE;
        }
        DrainInstruments instruments = new DrainInstruments(found.get(), drain);
        SetupMessages.metricsRegistered("drainkit.requests.active, drainkit.drains,"
                + " drainkit.drain.duration, drainkit.drain.delay, drainkit.drain.requests.served,"
                + " drainkit.drain.requests.cut, drainkit.prestop.refused");
        return instruments;
    }

    private static DoubleHistogram seconds(Meter meter, String name, String description) {
        DoubleHistogramBuilder builder =
                meter.histogramBuilder(name).setUnit("s").setDescription(description);
        try {
            builder = builder.setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS);
        } catch (NoSuchMethodError beforeApi132) {
            // Payara 6 ships the API 1.29, which has no advice: the SDK's default buckets, made for milliseconds.
        }
        return builder.build();
    }

    @Override
    public void drainStarted(DrainStarted event) {
        try {
            drains.add(1, withTrigger(event.trigger()));
        } catch (RuntimeException | LinkageError failure) {
            DrainMessages.metricsFailed("record", failure);
        }
    }

    @Override
    public void drainEnded(DrainReport report) {
        try {
            Attributes attributes = withTrigger(report.trigger());
            duration.record(seconds(report.duration()), attributes);
            delay.record(seconds(report.delay()), attributes);
            served.add(report.requestsServed(), attributes);
            cut.add(report.inFlightAtEnd(), attributes);
        } catch (RuntimeException | LinkageError failure) {
            DrainMessages.metricsFailed("record", failure);
        }
    }

    @Override
    public void preStopRefused() {
        try {
            refused.add(1, application());
        } catch (RuntimeException | LinkageError failure) {
            DrainMessages.metricsFailed("record", failure);
        }
    }

    @Override
    public boolean flush(Duration limit) {
        return SdkFlush.flush(openTelemetry, limit);
    }

    @Override
    public void close() {
        active.close();
    }

    private Attributes application() {
        return Attributes.of(APPLICATION, applicationName(drain));
    }

    private Attributes withTrigger(DrainTrigger trigger) {
        return Attributes.of(
                APPLICATION, applicationName(drain), TRIGGER, trigger.name().toLowerCase(Locale.ROOT));
    }

    /** The root context is {@code "/"}: an empty label value would read as no label at all in Prometheus. */
    private static String applicationName(Drain drain) {
        return drain.application().isEmpty() ? "/" : drain.application();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}

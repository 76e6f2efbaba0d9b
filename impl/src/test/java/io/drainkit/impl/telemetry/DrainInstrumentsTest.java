// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.telemetry;

import static io.opentelemetry.sdk.testing.assertj.OpenTelemetryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainSettings;
import io.drainkit.impl.FakeDrainClock;
import io.drainkit.impl.WorkNamer;

/** DrainKit's instruments on a real OpenTelemetry SDK, with a drain on a fake clock. */
class DrainInstrumentsTest {

    private static final WorkNamer<String> GET =
            (path, age, beforeDrain) -> new InFlightWork("request", "GET " + path, age, beforeDrain);
    private static final Attributes PRESTOP =
            Attributes.of(DrainInstruments.APPLICATION, "/shop", DrainInstruments.TRIGGER, "prestop");

    private final FakeDrainClock clock = new FakeDrainClock();
    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(reader).build())
            .build();
    private final DrainCoordinator drain = coordinator();
    private final DrainInstruments instruments = new DrainInstruments(sdk, drain);

    @AfterEach
    void closeSdk() {
        sdk.close();
    }

    private DrainCoordinator coordinator() {
        Map<String, String> values = Map.of("drainkit.delay", "10s", "drainkit.timeout", "25s");
        DrainCoordinator coordinator = new DrainCoordinator(
                DrainSettings.read(key -> Optional.ofNullable(values.get(key))), clock, Runnable::run);
        coordinator.nameApplication("/shop");
        return coordinator;
    }

    private MetricData metric(String name) {
        return reader.collectAllMetrics().stream()
                .filter(metric -> metric.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " was not collected"));
    }

    /** Verifies that the requests in flight are read from the drain's count when the SDK collects. */
    @Test
    void activeRequestsReadTheCountWhenCollected() {
        drain.enter("/a", GET);
        drain.enter("/b", GET);

        assertThat(metric("drainkit.requests.active"))
                .hasUnit("{request}")
                .hasLongSumSatisfying(sum -> sum.isNotMonotonic().hasPointsSatisfying(point -> point.hasValue(2)
                        .hasAttributes(Attributes.of(DrainInstruments.APPLICATION, "/shop"))));
    }

    /**
     * Verifies that a drain cut at its deadline is recorded, by trigger, before its waiters hear of it: one drain, its
     * duration and delay in seconds, what it served and what it cut.
     */
    @Test
    void drainCutAtDeadlineIsRecordedBeforeItsWaitersHear() {
        drain.recordWith(instruments);
        drain.enter("/stuck", GET);
        int served = drain.enter("/served", GET);
        var recordedWhenAnswered = drain.start(DrainTrigger.PRESTOP)
                .toCompletableFuture()
                .thenApply(report -> metric("drainkit.drain.requests.cut"));
        clock.advance(Duration.ofSeconds(12));
        drain.exit(served);
        clock.advance(Duration.ofSeconds(13));

        assertThat(recordedWhenAnswered).isCompleted();
        assertThat(recordedWhenAnswered.join()).hasLongSumSatisfying(sum -> sum.isMonotonic()
                .hasPointsSatisfying(point -> point.hasValue(1).hasAttributes(PRESTOP)));
        assertThat(metric("drainkit.drains"))
                .hasUnit("{drain}")
                .hasLongSumSatisfying(sum ->
                        sum.hasPointsSatisfying(point -> point.hasValue(1).hasAttributes(PRESTOP)));
        assertThat(metric("drainkit.drain.requests.served"))
                .hasLongSumSatisfying(sum ->
                        sum.hasPointsSatisfying(point -> point.hasValue(1).hasAttributes(PRESTOP)));
        assertThat(metric("drainkit.drain.duration"))
                .hasUnit("s")
                .hasHistogramSatisfying(histogram -> histogram.hasPointsSatisfying(
                        point -> point.hasCount(1).hasSum(25.0).hasAttributes(PRESTOP)));
        assertThat(metric("drainkit.drain.delay"))
                .hasUnit("s")
                .hasHistogramSatisfying(histogram -> histogram.hasPointsSatisfying(
                        point -> point.hasCount(1).hasSum(10.0).hasAttributes(PRESTOP)));
    }

    /** Verifies that refused preStop calls are counted for the application. */
    @Test
    void refusedPreStopCallsAreCounted() {
        instruments.preStopRefused();
        instruments.preStopRefused();

        assertThat(metric("drainkit.prestop.refused"))
                .hasUnit("{call}")
                .hasLongSumSatisfying(sum -> sum.hasPointsSatisfying(point ->
                        point.hasValue(2).hasAttributes(Attributes.of(DrainInstruments.APPLICATION, "/shop"))));
    }

    /** Verifies that a flush hands the figures to the exporter at once, long before the export interval. */
    @Test
    void flushExportsBeforeTheInterval() {
        InMemoryMetricExporter exporter = InMemoryMetricExporter.create();
        try (OpenTelemetrySdk periodic = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(PeriodicMetricReader.builder(exporter)
                                .setInterval(Duration.ofHours(1))
                                .build())
                        .build())
                .build()) {
            DrainInstruments exported = new DrainInstruments(periodic, drain);
            exported.preStopRefused();

            assertThat(exported.flush(Duration.ofSeconds(5))).as("flushed").isTrue();
            assertThat(exporter.getFinishedMetricItems())
                    .extracting(MetricData::getName)
                    .contains("drainkit.prestop.refused");
        }
    }

    /** Verifies that an OpenTelemetry without an SDK behind it (the no-op one) cannot be flushed, and says so. */
    @Test
    void noopCannotBeFlushed() {
        assertThat(new DrainInstruments(io.opentelemetry.api.OpenTelemetry.noop(), drain).flush(Duration.ofSeconds(1)))
                .isFalse();
    }

    /**
     * Verifies that on an API without bucket advice (before 1.32, as Payara 6's 1.29) the histograms are still
     * registered, with the SDK's default buckets.
     */
    @Test
    void histogramsWithoutBucketAdviceOnAnOlderApi() {
        InMemoryMetricReader olderReader = InMemoryMetricReader.create();
        try (OpenTelemetrySdk olderSdk = OpenTelemetrySdk.builder()
                .setMeterProvider(SdkMeterProvider.builder()
                        .registerMetricReader(olderReader)
                        .build())
                .build()) {
            new DrainInstruments(WithoutBucketAdvice.wrap(olderSdk), drain)
                    .drainEnded(new DrainReport(
                            DrainTrigger.PRESTOP,
                            clock.now(),
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(2),
                            0,
                            0,
                            false,
                            List.of(),
                            List.of(),
                            List.of()));

            assertThat(olderReader.collectAllMetrics())
                    .filteredOn(metric -> metric.getName().equals("drainkit.drain.duration"))
                    .singleElement()
                    .satisfies(metric -> assertThat(metric)
                            .hasHistogramSatisfying(histogram -> histogram.hasPointsSatisfying(point -> point.hasCount(
                                            1)
                                    .hasSum(3.0)
                                    .hasBucketBoundaries(
                                            0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000))));
        }
    }

    /** Verifies that closing unregisters the instrument that reads the live count. */
    @Test
    void closeStopsReadingTheCount() {
        drain.enter("/a", GET);
        instruments.close();

        assertThat(reader.collectAllMetrics())
                .extracting(MetricData::getName)
                .doesNotContain("drainkit.requests.active");
    }
}

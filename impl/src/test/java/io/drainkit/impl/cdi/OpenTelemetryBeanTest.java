// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;

import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainMetrics;

/**
 * The extension finds the application's {@code OpenTelemetry} bean, as MicroProfile Telemetry offers it, and records
 * the drain with it, whether the bean is a {@code @Singleton} (WildFly) or {@code @ApplicationScoped} (Open Liberty);
 * with the API on the class path but no bean, it records nothing.
 */
class OpenTelemetryBeanTest {

    private static final InMemoryMetricReader READER = InMemoryMetricReader.create();
    private static final OpenTelemetrySdk SDK = OpenTelemetrySdk.builder()
            .setMeterProvider(
                    SdkMeterProvider.builder().registerMetricReader(READER).build())
            .build();

    /** The application's bean, as MicroProfile Telemetry produces it (a {@code @Singleton}: no client proxy). */
    public static class OpenTelemetryProducer {
        @Produces
        @Singleton
        OpenTelemetry openTelemetry() {
            return SDK;
        }
    }

    /** A bean as Open Liberty offers it: {@code @ApplicationScoped}, so the application gets Weld's client proxy. */
    public static class ApplicationScopedProducer {
        static final InMemoryMetricExporter EXPORTER = InMemoryMetricExporter.create();

        @Produces
        @ApplicationScoped
        OpenTelemetry openTelemetry() {
            return OpenTelemetrySdk.builder()
                    .setMeterProvider(SdkMeterProvider.builder()
                            .registerMetricReader(PeriodicMetricReader.builder(EXPORTER)
                                    .setInterval(Duration.ofHours(1))
                                    .build())
                            .build())
                    .build();
        }
    }

    @AfterEach
    void forgetCollected() {
        READER.collectAllMetrics();
    }

    /**
     * Verifies that with an {@code OpenTelemetry} bean a drain is counted by trigger, and that at shutdown the
     * instrument reading the live count is unregistered.
     */
    @Test
    void drainIsRecordedWithTheApplicationsBean() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .declaredBeanClasses(OpenTelemetryProducer.class)
                .start()) {
            assertThat(app.drain().metrics()).as("metrics registered").isNotSameAs(DrainMetrics.NONE);

            app.drain().start(DrainTrigger.APPLICATION);
            assertThat(app.drain().awaitDrained(Duration.ofSeconds(10)))
                    .as("drained")
                    .isPresent();

            assertThat(READER.collectAllMetrics())
                    .filteredOn(metric -> metric.getName().equals("drainkit.drains"))
                    .singleElement()
                    .satisfies(metric -> assertThat(metric.getLongSumData().getPoints())
                            .singleElement()
                            .satisfies(point -> {
                                assertThat(point.getValue()).isEqualTo(1);
                                assertThat(point.getAttributes().asMap().values())
                                        .containsExactlyInAnyOrder("/", "application");
                            }));
            app.container().shutdown();
            assertThat(READER.collectAllMetrics())
                    .extracting(MetricData::getName)
                    .doesNotContain("drainkit.requests.active");
        }
    }

    /**
     * Verifies that the flush reaches the SDK behind Weld's client proxy of an {@code @ApplicationScoped} bean: the
     * drain's figures are exported long before the export interval.
     */
    @Test
    void flushReachesTheSdkBehindAClientProxy() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .declaredBeanClasses(ApplicationScopedProducer.class)
                .start()) {
            app.drain().start(DrainTrigger.APPLICATION);
            assertThat(app.drain().awaitDrained(Duration.ofSeconds(10)))
                    .as("drained")
                    .isPresent();

            assertThat(app.drain().metrics().flush(Duration.ofSeconds(5)))
                    .as("flushed")
                    .isTrue();
            assertThat(ApplicationScopedProducer.EXPORTER.getFinishedMetricItems())
                    .extracting(MetricData::getName)
                    .contains("drainkit.drains", "drainkit.drain.duration");
        }
    }

    /** Verifies that with the API visible but no {@code OpenTelemetry} bean, nothing is registered. */
    @Test
    void nothingIsRecordedWithoutABean() throws Exception {
        try (WeldApplication app =
                WeldApplication.builder().beansXml("annotated").start()) {
            assertThat(app.drain().metrics()).isSameAs(DrainMetrics.NONE);
        }
    }
}

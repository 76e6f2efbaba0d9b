// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.wildfly.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;

import io.drainkit.tck.TckBase;
import io.drainkit.tck.TckClient;
import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/**
 * DrainKit's instruments on WildFly's MicroProfile Telemetry (the {@code microprofile-telemetry} and
 * {@code opentelemetry} subsystems of {@code standalone-microprofile.xml}), exported over OTLP/HTTP in protobuf to a
 * receiver on 127.0.0.1. The application turns the SDK on and points it at the receiver in its own MicroProfile Config,
 * as WildFly lets every deployment do, with an export interval of ten minutes: what the receiver has when the preStop
 * call answers was sent by DrainKit's flush, not by the SDK's schedule.
 */
class DrainMetricsExportedTest extends TckBase {

    /** The system property with the receiver's port, reserved by the build. */
    static final String RECEIVER_PORT = "otlp.receiver.port";

    private static final String APPLICATION = "/drain-metrics";

    private static OtlpMetricsReceiver receiver;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(
                "drain-metrics",
                TckSettings.withPreStop("200ms", "60s")
                        .set("otel.sdk.disabled", "false")
                        .set("otel.metrics.exporter", "otlp")
                        .set("otel.traces.exporter", "none")
                        .set("otel.logs.exporter", "none")
                        .set("otel.exporter.otlp.protocol", "http/protobuf")
                        .set("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + receiverPort())
                        .set("otel.metric.export.interval", "600000"));
    }

    private static int receiverPort() {
        return Integer.parseInt(System.getProperty(RECEIVER_PORT));
    }

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = OtlpMetricsReceiver.listen(receiverPort());
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /**
     * Verifies that a drain's figures, and a refused preStop call, are exported before the preStop call answers, with
     * the values of the drain's report and the application and trigger as attributes.
     */
    @Test
    void drainFiguresReachTheCollectorBeforePreStopAnswers() {
        assertThat(answer(client.preStop("wrong"), "the preStop call with a wrong token")
                        .statusCode())
                .isEqualTo(403);
        CompletableFuture<HttpResponse<String>> held = client.getAsync("block?gate=metrics");
        client.awaitInFlight(1);
        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitState("DRAINING");
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("work").statusCode())
                    .as("served while draining")
                    .isEqualTo(200);
        }
        client.open("metrics");

        String report =
                answer(preStop, "the preStop call, once the held request ended").body();
        assertThat(answer(held, "the held request").statusCode()).isEqualTo(200);
        assertDrainedInTime(report);
        assertThat(receiver.exportCount())
                .as("OTLP exports received when the preStop call answered, with an export" + " interval of ten minutes")
                .isPositive();
        System.out.println(
                "Exported when the preStop call answered " + report + ":\n" + receiver.describe("drainkit."));

        Map<String, String> prestop = Map.of("drainkit.application", APPLICATION, "drainkit.trigger", "prestop");
        assertThat(sum("drainkit.drains", "{drain}"))
                .as("drains started")
                .singleElement()
                .satisfies(point -> assertPoint(point, prestop, 1));
        assertThat(sum("drainkit.drain.requests.served", "{request}"))
                .singleElement()
                .as("served, as in " + report)
                .satisfies(point -> assertPoint(point, prestop, TckClient.number(report, "requestsServed")));
        assertThat(sum("drainkit.drain.requests.cut", "{request}"))
                .singleElement()
                .satisfies(point -> assertPoint(point, prestop, 0));
        assertThat(sum("drainkit.prestop.refused", "{call}"))
                .singleElement()
                .satisfies(point -> assertPoint(point, Map.of("drainkit.application", APPLICATION), 1));
        assertThat(sum("drainkit.requests.active", "{request}"))
                .as("in flight when the drain ended")
                .singleElement()
                .satisfies(point -> assertPoint(point, Map.of("drainkit.application", APPLICATION), 0));
        assertHistogram("drainkit.drain.duration", prestop, TckClient.number(report, "durationMs"));
        assertHistogram("drainkit.drain.delay", prestop, TckClient.number(report, "delayMs"));
    }

    private static Metric metric(String name, String unit) {
        Metric metric = receiver.latest(name).orElseThrow(() -> new AssertionError(name + " was not exported"));
        assertThat(metric.getUnit()).as("unit of %s", name).isEqualTo(unit);
        return metric;
    }

    private static List<NumberDataPoint> sum(String name, String unit) {
        return metric(name, unit).getSum().getDataPointsList();
    }

    private static void assertPoint(NumberDataPoint point, Map<String, String> attributes, long value) {
        assertThat(OtlpMetricsReceiver.attributes(point.getAttributesList())).isEqualTo(attributes);
        assertThat(point.getAsInt()).isEqualTo(value);
    }

    private static void assertHistogram(String name, Map<String, String> attributes, long reportedMillis) {
        List<HistogramDataPoint> points = metric(name, "s").getHistogram().getDataPointsList();
        assertThat(points).as(name).singleElement().satisfies(point -> {
            assertThat(OtlpMetricsReceiver.attributes(point.getAttributesList()))
                    .isEqualTo(attributes);
            assertThat(point.getCount()).as("%s: drains recorded", name).isEqualTo(1);
            // The report rounds to milliseconds; the histogram has the exact duration in seconds.
            assertThat(point.getSum())
                    .as("%s in seconds, against the report's %d ms", name, reportedMillis)
                    .isCloseTo(reportedMillis / 1000.0, within(0.002));
        });
    }
}

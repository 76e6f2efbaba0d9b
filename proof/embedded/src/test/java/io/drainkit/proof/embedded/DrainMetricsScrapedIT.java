// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainEndpoints;
import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.DrainReportJson;
import io.drainkit.proof.Kubelet;
import io.drainkit.proof.ProcessServer;

/**
 * The embedded example's Prometheus endpoint shows one drain's figures, scraped as Prometheus would while the pod
 * drains and after the preStop hook answered, before SIGTERM: DrainKit's instruments on the example's OpenTelemetry
 * SDK, with the values of known traffic.
 */
class DrainMetricsScrapedIT extends ExampleProcessTest {

    private static final String APPLICATION = "drainkit_application=\"/\"";
    private static final String PRESTOP = "drainkit_trigger=\"prestop\"";
    private static final int SENT_BEFORE = 5;
    private static final int SENT_DURING = 3;
    /** Admitted before the trigger and still running after the delay: the drain waits for it. */
    private static final Duration HELD = Duration.ofSeconds(10);

    private EmbeddedJetty jetty;

    @AfterEach
    void stopJetty() {
        if (jetty != null) {
            jetty.close();
        }
    }

    /**
     * Verifies that a scrape shows no drain before the trigger, the drain started by the preStop hook and the held
     * request in flight during the delay, and after the preStop answer one drain whose requests served are those sent
     * while draining (the three sent during the delay and the held one, as the report says), none cut, a duration
     * histogram with one drain whose sum is the report's duration, and one refused preStop call.
     */
    @Test
    void scrapeShowsTheDrainWhileAndAfterItRuns() throws Exception {
        int metricsPort = ProcessServer.freeLoopbackPort();
        DrainKitSettings settings = DrainKitSettings.of(Duration.ofSeconds(2), Duration.ofSeconds(30))
                .with(EmbeddedServerProcess.METRICS_PORT, String.valueOf(metricsPort));
        jetty = EmbeddedJetty.start(settings.environment(), logs);
        URI metrics = URI.create("http://127.0.0.1:" + metricsPort + "/metrics");
        URI app = jetty.application();

        PrometheusScrape idle = PrometheusScrape.of(http, metrics);
        assertThat(idle.value("drainkit_requests_active", APPLICATION))
                .as("requests in flight before any traffic")
                .hasValue(0);
        assertThat(idle.value("drainkit_drains_total", APPLICATION))
                .as("drains before the trigger")
                .isEmpty();

        for (int i = 0; i < SENT_BEFORE; i++) {
            assertThat(get(app, "work?ms=0").statusCode())
                    .as("request %d before the trigger", i)
                    .isEqualTo(200);
        }
        assertThat(http.send(
                                HttpRequest.newBuilder(app.resolve("drainkit/prestop"))
                                        .header(DrainEndpoints.TOKEN_HEADER, "wrong-token")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("preStop call with a wrong token")
                .isEqualTo(403);
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(
                HttpRequest.newBuilder(app.resolve("work?ms=" + HELD.toMillis()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await("the held request is in flight on the metrics endpoint")
                .atMost(Duration.ofSeconds(10))
                .until(() -> PrometheusScrape.of(http, metrics)
                        .value("drainkit_requests_active", APPLICATION)
                        .equals(OptionalDouble.of(1)));

        CompletableFuture<HttpResponse<String>> preStop =
                Kubelet.preStop(http, app, settings.token(), Duration.ofSeconds(60));
        await("readiness DOWN after the preStop call")
                .atMost(Duration.ofSeconds(10))
                .until(() -> get(app, "drainkit/ready").statusCode() == 503);
        PrometheusScrape draining = PrometheusScrape.of(http, metrics);
        print("during the delay", metrics, draining);
        for (int i = 0; i < SENT_DURING; i++) {
            HttpResponse<String> answer = get(app, "work?ms=0");
            assertThat(answer.statusCode()).as("request %d while draining", i).isEqualTo(200);
            assertThat(answer.headers().firstValue("connection"))
                    .as("its Connection header")
                    .hasValue("close");
        }
        assertThat(draining.value("drainkit_drains_total", APPLICATION, PRESTOP))
                .as("drains during the delay")
                .hasValue(1);
        assertThat(draining.value("drainkit_requests_active", APPLICATION))
                .as("requests in flight during the delay")
                .hasValue(1);
        assertThat(draining.value("drainkit_drain_duration_seconds_count", APPLICATION))
                .as("drains ended, during it")
                .isEmpty();

        HttpResponse<String> answer = preStop.get(60, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as("preStop answer: %s", answer.body()).isEqualTo(200);
        DrainReportJson report = new DrainReportJson(answer.body());
        assertThat(report.drainedInTime())
                .as("drained in time: %s", answer.body())
                .isTrue();
        assertThat(held.get(10, TimeUnit.SECONDS).statusCode())
                .as("the held request")
                .isEqualTo(200);

        PrometheusScrape drained = PrometheusScrape.of(http, metrics);
        print("after the preStop answer (report: " + report.summary() + ")", metrics, drained);
        assertThat(drained.value("drainkit_drains_total", APPLICATION, PRESTOP))
                .as("drains")
                .hasValue(1);
        assertThat(drained.value("drainkit_drain_requests_served_total", APPLICATION, PRESTOP))
                .as("requests served while draining: those sent during the delay and the held one")
                .hasValue(SENT_DURING + 1)
                .hasValue(report.number("requestsServed"));
        assertThat(drained.value("drainkit_drain_requests_cut_total", APPLICATION, PRESTOP))
                .as("cut")
                .hasValue(0);
        assertThat(drained.value("drainkit_requests_active", APPLICATION))
                .as("in flight after the drain")
                .hasValue(0);
        assertThat(drained.value("drainkit_drain_duration_seconds_count", APPLICATION, PRESTOP))
                .as("drain durations recorded")
                .hasValue(1);
        assertThat(milliseconds(drained.value("drainkit_drain_duration_seconds_sum", APPLICATION, PRESTOP)))
                .as("the duration, against the report's durationMs")
                .isBetween(report.number("durationMs") - 1, report.number("durationMs") + 1);
        assertThat(milliseconds(drained.value("drainkit_drain_delay_seconds_sum", APPLICATION, PRESTOP)))
                .as("the delay, against the report's delayMs")
                .isBetween(report.number("delayMs") - 1, report.number("delayMs") + 1);
        assertThat(drained.value("drainkit_prestop_refused_total", APPLICATION))
                .as("refused preStop calls")
                .hasValue(1);

        jetty.sigterm();
        assertThat(jetty.awaitExit(Duration.ofSeconds(30)))
                .as("exit status after SIGTERM")
                .isEqualTo(OptionalInt.of(0));
    }

    private static void print(String when, URI metrics, PrometheusScrape scrape) {
        System.out.println("Scraped " + metrics + " " + when + ":");
        scrape.drainKitFigures().forEach(line -> System.out.println("  " + line));
    }

    private static long milliseconds(OptionalDouble seconds) {
        return (long) Math.floor(seconds.orElseThrow() * 1000);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.drainkit.proof.HaProxy.Mode;
import io.drainkit.proof.Load;
import io.drainkit.proof.RequiredCommand;
import io.drainkit.proof.embedded.EmbeddedJetty;
import io.drainkit.proof.rolling.Scenario.Delay;
import io.drainkit.proof.rolling.Scenario.Propagation;
import io.drainkit.proof.rolling.Scenario.Trigger;

/**
 * The proof that a rolling restart behind a real load balancer drops no request: see {@link RollingRestart} for one
 * run, here over two instances of the embedded example. With DrainKit, HAProxy in tcp mode (like kube-proxy) and in http mode (like an ingress controller), and both
 * triggers, not one request fails; without it (the control), some do, or this test could not tell success from
 * luck.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedRollingRestartIT {

    private static final List<Outcome> OUTCOMES = new CopyOnWriteArrayList<>();
    /**
     * With slow propagation HAProxy lets go of the pod at most 5 s after the trigger (the removal); a pod that
     * leaves before 9 s leaves well before the fixed 10 s delay would let it.
     */
    private static final Duration SLOW_CASE_LATEST_DELAY = Duration.ofSeconds(9);

    private static final Pattern DELAY_MS = Pattern.compile("\"delayMs\":(\\d+)");
    private static RollingRestart rollingRestart;
    private static Path logs;

    @BeforeAll
    static void prepare() throws Exception {
        Load.verifyNoSilentRetry();
        logs = Paths.get(System.getProperty("drainkit.rolling-update.logs", "target/rolling-update"));
        Files.createDirectories(logs);
        rollingRestart = new RollingRestart(
                EmbeddedJetty::start, Map.of(), RequiredCommand.ensure("haproxy", "haproxy", logs), logs);
    }

    /**
     * Verifies that a pod taken out by its preStop hook and then SIGTERM, or by SIGTERM alone (DrainKit drains at
     * shutdown), fails no request, in tcp mode (connections pinned, as kube-proxy) and http mode (as an ingress).
     */
    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"TCP, PRESTOP_THEN_SIGTERM", "TCP, SIGTERM", "HTTP, PRESTOP_THEN_SIGTERM", "HTTP, SIGTERM"})
    @Order(1)
    void withDrainKitNoRequestFails(Mode mode, Trigger trigger) throws Exception {
        assertNoRequestFailed(run(new Scenario(mode, trigger, true)));
    }

    /**
     * Verifies that the same run without DrainKit fails requests: otherwise the runs above could pass by luck (too
     * little load, a load balancer that noticed before the instance stopped) and prove nothing.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    @Order(2)
    void withoutDrainKitRequestsFail(Mode mode) throws Exception {
        assertRequestsFailed(run(new Scenario(mode, Trigger.SIGTERM, false)));
    }

    /**
     * Verifies that with HTTP/2 (h2c) from HAProxy to the instances no request fails either, with drainkit-jetty's
     * GOAWAY ({@code DRAINKIT-0055} in the instance's log) and without it ({@code drainkit.connection-close=false}, the
     * control that shows what the GOAWAY changes: HAProxy's connections to the draining instance are replaced, not
     * moved, since HAProxy picks a server per request and stops picking this one only when its check fails).
     */
    @ParameterizedTest(name = "http2, drainkit.connection-close={0}")
    @ValueSource(booleans = {true, false})
    @Order(3)
    void withHttp2ToTheInstancesNoRequestFails(boolean connectionClose) throws Exception {
        Outcome outcome = run(new Scenario(
                Mode.HTTP2, Trigger.PRESTOP_THEN_SIGTERM, true, Delay.SHORT, Propagation.FAST, connectionClose));
        assertNoRequestFailed(outcome);
        List<String> goAways = Files.readAllLines(
                        logs.resolve(outcome.scenario().directoryName())
                                .resolve("a")
                                .resolve("server.log"))
                .stream()
                .filter(line -> line.contains("DRAINKIT-0055"))
                .toList();
        System.out.println(outcome.scenario().label() + ": " + goAways.size() + " DRAINKIT-0055 line(s) " + goAways);
        if (connectionClose) {
            assertThat(goAways)
                    .as("GOAWAYs sent to HAProxy's HTTP/2 connections; %s", outcome.describe())
                    .isNotEmpty();
        } else {
            assertThat(goAways)
                    .as("no GOAWAY with drainkit.connection-close=false; %s", outcome.describe())
                    .isEmpty();
        }
    }

    /**
     * Verifies that with DrainKit's default 10 s delay a pod is out of service for the whole delay, and fails no
     * request: the reference for the quiet period below.
     */
    @Test
    @Order(7)
    void defaultDelayHoldsThePodForTheWholeDelay() throws Exception {
        Outcome outcome =
                run(new Scenario(Mode.TCP, Trigger.PRESTOP_THEN_SIGTERM, true, Delay.DEFAULT, Propagation.FAST));
        assertNoRequestFailed(outcome);
        assertThat(delayUsedMs(outcome))
                .as("the delay in the preStop report; %s", outcome.describe())
                .isGreaterThanOrEqualTo(Delay.DEFAULT.length().toMillis());
    }

    /**
     * Verifies that with a 1 s quiet period the 10 s delay ends about 1 s after HAProxy stopped sending, not at 10 s,
     * and that ending it early fails no request: the pod leaves sooner, safely.
     */
    @Test
    @Order(8)
    void quietPeriodEndsTheDelayOnceTheLoadBalancerLetGo() throws Exception {
        assertQuietPeriodEndedTheDelaySafely(
                run(new Scenario(Mode.TCP, Trigger.PRESTOP_THEN_SIGTERM, true, Delay.QUIET_PERIOD, Propagation.FAST)),
                Delay.QUIET_PERIOD.length().dividedBy(2));
    }

    /**
     * Verifies that with slow propagation the quiet period does not take the silence that follows the moved keep-alive
     * clients for the load balancer's letting go: a client opening a new connection every 0.7 s still reaches the pod
     * until HAProxy lets go (issue 19: in tcp mode one of them was refused), and none of its requests fails; in tcp
     * and http mode.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    @Order(9)
    void quietPeriodOutlastsSlowPropagation(Mode mode) throws Exception {
        assertQuietPeriodEndedTheDelaySafely(
                run(new Scenario(
                        mode, Trigger.PRESTOP_THEN_SIGTERM, true, Delay.QUIET_PERIOD_SLOW_BALANCER, Propagation.SLOW)),
                SLOW_CASE_LATEST_DELAY);
    }

    /**
     * No request failed; the delay lasted until the load balancer had let go (HAProxy's DOWN: its checks or the
     * removal), and ended well before the configured one.
     */
    private static void assertQuietPeriodEndedTheDelaySafely(Outcome outcome, Duration latest) {
        assertNoRequestFailed(outcome);
        long delayUsed = delayUsedMs(outcome);
        assertThat(delayUsed)
                .as(
                        "the delay in the preStop report, longer than HAProxy took to let go of the pod;" + " %s",
                        outcome.describe())
                .isGreaterThan(outcome.downAfterMs().getAsLong());
        assertThat(delayUsed)
                .as(
                        "the delay in the preStop report, ended by the quiet period before %s, well before"
                                + " the configured %s; %s",
                        latest, outcome.scenario().delay().length(), outcome.describe())
                .isLessThan(latest.toMillis());
    }

    @AfterAll
    static void stopAndPrintFigures() throws IOException, InterruptedException {
        rollingRestart.close();
        Figures.write(
                "Rolling restart behind HAProxy, embedded Jetty 12 + Weld SE, DRAINKIT_DELAY=3s unless the run"
                        + " says otherwise",
                OUTCOMES,
                logs);
    }

    /** The {@code delayMs} of the preStop call's report: how long the pod kept serving after the trigger. */
    private static long delayUsedMs(Outcome outcome) {
        Matcher delay = DELAY_MS.matcher(outcome.preStop());
        assertThat(delay.find())
                .as("delayMs in the preStop report; %s", outcome.describe())
                .isTrue();
        return Long.parseLong(delay.group(1));
    }

    private static Outcome run(Scenario scenario) throws Exception {
        Outcome outcome = rollingRestart.run(scenario);
        OUTCOMES.add(outcome);
        System.out.println(outcome.describe());
        return outcome;
    }

    private static void assertRequestsFailed(Outcome control) {
        assertThat(control.controlProblems())
                .as("the control without DrainKit; %s", control.describe())
                .isEmpty();
    }

    private static void assertNoRequestFailed(Outcome outcome) {
        assertThat(outcome.problems()).as("%s", outcome.describe()).isEmpty();
    }
}

package io.drainkit.example.rollingupdate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.drainkit.example.embedded.demo.EmbeddedServerProcess;
import io.drainkit.example.harness.HaProxy.Mode;
import io.drainkit.example.harness.Load;
import io.drainkit.example.harness.RequiredCommand;
import io.drainkit.example.rollingupdate.Scenario.Delay;
import io.drainkit.example.rollingupdate.Scenario.Propagation;
import io.drainkit.example.rollingupdate.Scenario.Trigger;

/**
 * The proof that a rolling restart behind a real load balancer drops no request: see {@link RollingUpdate} for one
 * run. With DrainKit, HAProxy in tcp mode (like kube-proxy) and in http mode (like an ingress controller), and both
 * triggers, not one request fails; without it (the control), some do, or this test could not tell success from
 * luck.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollingUpdateIT {

    private static final List<Outcome> OUTCOMES = new CopyOnWriteArrayList<>();
    /**
     * With slow propagation HAProxy lets go of the pod at most 5 s after the trigger (the removal); a pod that
     * leaves before 9 s leaves well before the fixed 10 s delay would let it.
     */
    private static final Duration SLOW_CASE_LATEST_DELAY = Duration.ofSeconds(9);
    private static final Pattern DELAY_MS = Pattern.compile("\"delayMs\":(\\d+)");
    private static RollingUpdate rollingUpdate;
    private static Path logs;

    @BeforeAll
    static void prepare() throws Exception {
        Path jar = Paths.get(System.getProperty(EmbeddedServerProcess.JAR_PROPERTY, "(not set)"));
        assertThat(Files.isRegularFile(jar)).as("the embedded example's jar %s; build it with ./mvnw -pl"
                + " examples/rolling-update -am verify, or ./mvnw -pl examples/embedded -am package", jar).isTrue();
        Load.verifyNoSilentRetry();
        logs = Paths.get(System.getProperty("drainkit.rolling-update.logs", "target/rolling-update"));
        Files.createDirectories(logs);
        rollingUpdate = new RollingUpdate(RequiredCommand.ensure("haproxy", "haproxy", logs), logs);
    }

    /** Verifies that, in tcp mode, a pod taken out by its preStop hook and then SIGTERM fails no request. */
    @Test
    @Order(1)
    void tcpPreStopThenSigtermFailsNoRequest() throws Exception {
        assertNoRequestFailed(run(new Scenario(Mode.TCP, Trigger.PRESTOP_THEN_SIGTERM, true)));
    }

    /** Verifies that, in tcp mode, a pod taken out by SIGTERM alone (DrainKit drains at shutdown) fails no request. */
    @Test
    @Order(2)
    void tcpSigtermFailsNoRequest() throws Exception {
        assertNoRequestFailed(run(new Scenario(Mode.TCP, Trigger.SIGTERM, true)));
    }

    /** Verifies that, in http mode, a pod taken out by its preStop hook and then SIGTERM fails no request. */
    @Test
    @Order(3)
    void httpPreStopThenSigtermFailsNoRequest() throws Exception {
        assertNoRequestFailed(run(new Scenario(Mode.HTTP, Trigger.PRESTOP_THEN_SIGTERM, true)));
    }

    /** Verifies that, in http mode, a pod taken out by SIGTERM alone fails no request. */
    @Test
    @Order(4)
    void httpSigtermFailsNoRequest() throws Exception {
        assertNoRequestFailed(run(new Scenario(Mode.HTTP, Trigger.SIGTERM, true)));
    }

    /**
     * Verifies that the same run without DrainKit, in tcp mode, fails requests: otherwise the runs above could pass by
     * luck (too little load, a load balancer that noticed before the instance stopped) and prove nothing.
     */
    @Test
    @Order(5)
    void tcpWithoutDrainKitRequestsFail() throws Exception {
        assertRequestsFailed(run(new Scenario(Mode.TCP, Trigger.SIGTERM, false)));
    }

    /** Verifies that the same run without DrainKit, in http mode, fails requests. */
    @Test
    @Order(6)
    void httpWithoutDrainKitRequestsFail() throws Exception {
        assertRequestsFailed(run(new Scenario(Mode.HTTP, Trigger.SIGTERM, false)));
    }

    /**
     * Verifies that with DrainKit's default 10 s delay a pod is out of service for the whole delay, and fails no
     * request: the reference for the quiet period below.
     */
    @Test
    @Order(7)
    void defaultDelayHoldsThePodForTheWholeDelay() throws Exception {
        Outcome outcome = run(new Scenario(Mode.TCP, Trigger.PRESTOP_THEN_SIGTERM, true, Delay.DEFAULT,
                Propagation.FAST));
        assertNoRequestFailed(outcome);
        assertThat(delayUsedMs(outcome)).as("the delay in the preStop report; %s", outcome.describe())
                .isGreaterThanOrEqualTo(Delay.DEFAULT.length().toMillis());
    }

    /**
     * Verifies that with a 1 s quiet period the 10 s delay ends about 1 s after HAProxy stopped sending, not at 10 s,
     * and that ending it early fails no request: the pod leaves sooner, safely.
     */
    @Test
    @Order(8)
    void quietPeriodEndsTheDelayOnceTheLoadBalancerLetGo() throws Exception {
        assertQuietPeriodEndedTheDelaySafely(run(new Scenario(Mode.TCP, Trigger.PRESTOP_THEN_SIGTERM, true,
                Delay.QUIET_PERIOD, Propagation.FAST)), Delay.QUIET_PERIOD.length().dividedBy(2));
    }

    /**
     * Verifies that in tcp mode, with slow propagation, the quiet period does not take the silence that follows the
     * moved keep-alive clients for the load balancer's letting go: a client opening a new connection every 0.7 s
     * still reaches the pod until HAProxy lets go (issue 19: one of them was refused), and none of its requests fails.
     */
    @Test
    @Order(9)
    void quietPeriodOutlastsNewConnectionsWithSlowPropagationInTcpMode() throws Exception {
        assertQuietPeriodEndedTheDelaySafely(run(new Scenario(Mode.TCP, Trigger.PRESTOP_THEN_SIGTERM, true,
                Delay.QUIET_PERIOD_SLOW_BALANCER, Propagation.SLOW)), SLOW_CASE_LATEST_DELAY);
    }

    /** Verifies the same in http mode, where HAProxy picks an instance for every request. */
    @Test
    @Order(10)
    void quietPeriodOutlastsSlowPropagationInHttpMode() throws Exception {
        assertQuietPeriodEndedTheDelaySafely(run(new Scenario(Mode.HTTP, Trigger.PRESTOP_THEN_SIGTERM, true,
                Delay.QUIET_PERIOD_SLOW_BALANCER, Propagation.SLOW)), SLOW_CASE_LATEST_DELAY);
    }

    /**
     * No request failed; the delay lasted until the load balancer had let go (HAProxy's DOWN: its checks or the
     * removal), and ended well before the configured one.
     */
    private static void assertQuietPeriodEndedTheDelaySafely(Outcome outcome, Duration latest) {
        assertNoRequestFailed(outcome);
        long delayUsed = delayUsedMs(outcome);
        assertThat(delayUsed).as("the delay in the preStop report, longer than HAProxy took to let go of the pod;"
                + " %s", outcome.describe()).isGreaterThan(outcome.downAfterMs().getAsLong());
        assertThat(delayUsed).as("the delay in the preStop report, ended by the quiet period before %s, well before"
                + " the configured %s; %s", latest, outcome.scenario().delay().length(), outcome.describe())
                .isLessThan(latest.toMillis());
    }

    @AfterAll
    static void printFigures() throws IOException {
        if (OUTCOMES.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder()
                .append(String.format(Locale.ROOT, "Rolling restart behind HAProxy: %d keep-alive clients on GET %s,"
                        + " DRAINKIT_DELAY=%ds unless the run says otherwise, DRAINKIT_TIMEOUT=%ds, health check %s"
                        + " (%s with a quiet period) every %d ms (fall %d, rise 1), retries 0, no redispatch, no client"
                        + " retries%n%n", RollingUpdate.CLIENTS, RollingUpdate.WORK, Delay.SHORT.length().toSeconds(),
                        RollingUpdate.TIMEOUT.toSeconds(), RollingUpdate.HEALTH_PATH,
                        RollingUpdate.DRAINKIT_READY_PATH, Scenario.Propagation.FAST.checkInterval().toMillis(),
                        RollingUpdate.CHECK_FALL))
                .append(Outcome.header()).append('\n');
        OUTCOMES.forEach(outcome -> table.append(outcome.row()).append('\n'));
        table.append(String.format(Locale.ROOT, "%nTimes are from the trigger (the preStop call, or SIGTERM); total"
                + " %.0f s for %d runs.%n", OUTCOMES.stream().mapToDouble(Outcome::seconds).sum(), OUTCOMES.size()));
        System.out.println(table);
        Files.writeString(logs.resolve("figures.md"), table, StandardCharsets.UTF_8);
    }

    /** The {@code delayMs} of the preStop call's report: how long the pod kept serving after the trigger. */
    private static long delayUsedMs(Outcome outcome) {
        Matcher delay = DELAY_MS.matcher(outcome.preStop());
        assertThat(delay.find()).as("delayMs in the preStop report; %s", outcome.describe()).isTrue();
        return Long.parseLong(delay.group(1));
    }

    private static Outcome run(Scenario scenario) throws Exception {
        Outcome outcome = rollingUpdate.run(scenario);
        OUTCOMES.add(outcome);
        System.out.println(outcome.describe());
        return outcome;
    }

    private static void assertRequestsFailed(Outcome control) {
        assertThat(control.toInstanceOut()).as("traffic HAProxy sent to the instance taken out; %s",
                control.describe()).isPositive();
        assertThat(control.failed()).as("failed requests in the control run without DrainKit: with none, this test"
                + " cannot tell DrainKit's success from luck (too little load, or a load balancer that noticed before"
                + " the instance stopped serving); %s", control.describe()).isPositive();
    }

    private static void assertNoRequestFailed(Outcome outcome) {
        assertThat(outcome.toInstanceOut()).as("traffic HAProxy sent to the instance taken out; %s",
                outcome.describe()).isPositive();
        assertThat(outcome.afterExit()).as("requests sent after the instance exited (the load went on); %s",
                outcome.describe()).isPositive();
        assertThat(outcome.failed()).as("failed requests; %s", outcome.describe()).isZero();
        assertThat(outcome.exitStatus()).as("exit status of the instance taken out; %s", outcome.describe())
                .hasValue(0);
        Duration delay = outcome.scenario().delay().length();
        assertThat(outcome.downAfterMs()).as("when HAProxy marked the instance DOWN (before the end of the %s"
                + " delay); %s", delay, outcome.describe()).isPresent();
        assertThat(outcome.downAfterMs().getAsLong()).as("when HAProxy marked the instance DOWN; %s",
                outcome.describe()).isLessThan(delay.toMillis());
        assertThat(outcome.drainMs()).as("DrainKit's drain (DRAINKIT-0003); %s", outcome.describe()).isPresent();
        if (outcome.scenario().mode() == Mode.TCP) {
            // Connections are pinned: only DrainKit's Connection: close moves the clients of the instance taken out.
            assertThat(outcome.connectionClose()).as("responses with Connection: close; %s", outcome.describe())
                    .isPositive();
        }
        if (outcome.scenario().trigger() == Trigger.PRESTOP_THEN_SIGTERM) {
            assertThat(outcome.preStop()).as("the preStop answer; %s", outcome.describe())
                    .startsWith("200 ").contains("\"status\":\"DRAINED\"", "\"deadlineReached\":false");
        }
        assertThat(outcome.clientsStopped()).as("every client stopped; %s", outcome.describe()).isTrue();
    }
}

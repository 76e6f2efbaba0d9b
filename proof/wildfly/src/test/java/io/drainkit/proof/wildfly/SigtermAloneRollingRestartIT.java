package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.HaProxy.Mode;
import io.drainkit.proof.Load;
import io.drainkit.proof.RequiredCommand;
import io.drainkit.proof.rolling.Figures;
import io.drainkit.proof.rolling.Outcome;
import io.drainkit.proof.rolling.RollingRestart;
import io.drainkit.proof.rolling.Scenario;
import io.drainkit.proof.rolling.Scenario.Trigger;

/**
 * The rolling restart behind HAProxy ({@link RollingRestart}) on two real WildFly servers with {@code drainkit-wildfly}
 * in the WAR and SIGTERM alone, no preStop hook: HAProxy checks WildFly's own readiness on the management port, as a
 * pod's readinessProbe would. No request fails in tcp or http mode; the control, the same WAR with DrainKit off, fails
 * some (WildFly's suspend answers 503).
 */
class SigtermAloneRollingRestartIT {

    private static final List<Outcome> OUTCOMES = new CopyOnWriteArrayList<>();
    private static RollingRestart rollingRestart;
    private static Path logs;

    @BeforeAll
    static void prepare() throws Exception {
        Load.verifyNoSilentRetry();
        logs = Paths.get("target", "rolling-restart");
        rollingRestart = new RollingRestart((environment, directory) -> WildFlyServer.startWar(
                WildFlyServer.ADAPTER_WAR_PROPERTY, directory, environment), Map.of(),
                RequiredCommand.ensure("haproxy", "haproxy", logs), logs);
    }

    /** Verifies that SIGTERM alone fails no request with HAProxy in tcp mode (connections pinned, as kube-proxy). */
    @Test
    void tcpSigtermAloneFailsNoRequest() throws Exception {
        Outcome outcome = run(new Scenario(Mode.TCP, Trigger.SIGTERM, true));
        assertThat(outcome.problems()).as("%s", outcome.describe()).isEmpty();
    }

    /** Verifies that SIGTERM alone fails no request with HAProxy in http mode (a server per request, as an ingress). */
    @Test
    void httpSigtermAloneFailsNoRequest() throws Exception {
        Outcome outcome = run(new Scenario(Mode.HTTP, Trigger.SIGTERM, true));
        assertThat(outcome.problems()).as("%s", outcome.describe()).isEmpty();
    }

    /** Verifies that without DrainKit the same SIGTERM fails requests, so that the runs above prove something. */
    @Test
    void withoutDrainKitSigtermFailsRequests() throws Exception {
        Outcome control = run(new Scenario(Mode.HTTP, Trigger.SIGTERM, false));
        assertThat(control.controlProblems()).as("%s", control.describe()).isEmpty();
    }

    @AfterAll
    static void printFigures() throws IOException {
        Figures.write("Rolling restart behind HAProxy, two WildFly servers with drainkit-wildfly, SIGTERM alone,"
                + " DRAINKIT_DELAY=3s", OUTCOMES, logs);
    }

    private static Outcome run(Scenario scenario) throws Exception {
        Outcome outcome = rollingRestart.run(scenario);
        OUTCOMES.add(outcome);
        System.out.println(outcome.describe());
        return outcome;
    }
}

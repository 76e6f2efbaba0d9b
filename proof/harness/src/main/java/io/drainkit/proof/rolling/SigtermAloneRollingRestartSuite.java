// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.drainkit.proof.HaProxy.Mode;
import io.drainkit.proof.Load;
import io.drainkit.proof.RequiredCommand;
import io.drainkit.proof.ServerUnderTest;
import io.drainkit.proof.rolling.Scenario.Trigger;

/**
 * The rolling restart behind HAProxy ({@link RollingRestart}) on two instances of a server whose WAR carries its server
 * adapter, taken out by SIGTERM alone, with no preStop hook: no request fails in tcp or http mode; the control, the same
 * WAR with DrainKit off, fails some. A runtime's proof extends it with the runtime's launcher.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SigtermAloneRollingRestartSuite {

    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final Path logs = Paths.get("target", "rolling-restart");
    private RollingRestart rollingRestart;

    /** @return how to start an instance with the WAR that carries the server adapter */
    protected abstract ServerUnderTest.Launcher launcher();

    /** @return the runtime and its adapter, for the figures: "two WildFly servers with drainkit-wildfly" */
    protected abstract String instances();

    @BeforeAll
    void prepare() throws Exception {
        Load.verifyNoSilentRetry();
        rollingRestart =
                new RollingRestart(launcher(), Map.of(), RequiredCommand.ensure("haproxy", "haproxy", logs), logs);
    }

    /**
     * Verifies that SIGTERM alone fails no request with HAProxy in tcp mode (connections pinned, as kube-proxy) and in
     * http mode (a server per request, as an ingress).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = Mode.class,
            names = {"TCP", "HTTP"})
    void sigtermAloneFailsNoRequest(Mode mode) throws Exception {
        Outcome outcome = run(new Scenario(mode, Trigger.SIGTERM, true));
        assertThat(outcome.problems()).as("%s", outcome.describe()).isEmpty();
    }

    /** Verifies that without DrainKit the same SIGTERM fails requests, so that the runs above prove something. */
    @Test
    void withoutDrainKitSigtermFailsRequests() throws Exception {
        Outcome control = run(new Scenario(Mode.HTTP, Trigger.SIGTERM, false));
        assertThat(control.controlProblems()).as("%s", control.describe()).isEmpty();
    }

    @AfterAll
    void stopAndPrintFigures() throws Exception {
        rollingRestart.close();
        Figures.write(
                "Rolling restart behind HAProxy, " + instances() + ", SIGTERM alone, DRAINKIT_DELAY="
                        + Scenario.Delay.SHORT.length().toSeconds() + "s",
                outcomes,
                logs);
    }

    private Outcome run(Scenario scenario) throws Exception {
        Outcome outcome = rollingRestart.run(scenario);
        outcomes.add(outcome);
        System.out.println(outcome.describe());
        return outcome;
    }
}

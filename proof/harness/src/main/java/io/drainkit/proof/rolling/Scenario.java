// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.drainkit.proof.HaProxy;

/**
 * One way of taking an instance out from behind the load balancer.
 *
 * @param mode     how HAProxy balances
 * @param trigger  what the instance is told
 * @param drainKit whether DrainKit is on in the instance taken out ({@code drainkit.enabled})
 * @param delay       how long the instance taken out keeps serving after the trigger
 * @param propagation how soon the load balancer lets go of it
 * @param connectionClose {@code drainkit.connection-close}: whether DrainKit tells clients to reconnect while draining
 *                    ({@code Connection: close} on HTTP/1.x, a graceful GOAWAY on HTTP/2 with drainkit-jetty)
 */
public record Scenario(
        HaProxy.Mode mode,
        Trigger trigger,
        boolean drainKit,
        Delay delay,
        Propagation propagation,
        boolean connectionClose) {

    /**
     * A scenario with {@code drainkit.connection-close} on, DrainKit's default.
     *
     * @param mode        how HAProxy balances
     * @param trigger     what the instance is told
     * @param drainKit    whether DrainKit is on in the instance taken out
     * @param delay       how long the instance taken out keeps serving after the trigger
     * @param propagation how soon the load balancer lets go of it
     */
    public Scenario(HaProxy.Mode mode, Trigger trigger, boolean drainKit, Delay delay, Propagation propagation) {
        this(mode, trigger, drainKit, delay, propagation, true);
    }

    /**
     * A scenario with the suite's short fixed delay.
     *
     * @param mode     how HAProxy balances
     * @param trigger  what the instance is told
     * @param drainKit whether DrainKit is on in the instance taken out
     */
    public Scenario(HaProxy.Mode mode, Trigger trigger, boolean drainKit) {
        this(mode, trigger, drainKit, Delay.SHORT, Propagation.FAST);
    }

    /** How soon the load balancer stops sending to the instance taken out, and what traffic it carries. */
    public enum Propagation {
        /**
         * HAProxy checks readiness every 500 ms (fall 2) and lets go within about 1 s of the trigger; keep-alive
         * clients only.
         */
        FAST(Duration.ofMillis(500), Optional.empty(), Optional.empty()),
        /**
         * Slow, as behind kube-proxy when the endpoint's removal takes seconds to arrive: HAProxy checks every 3 s
         * (fall 2, so its checks let go only 3 to 6 s after the trigger), and the test removes the instance through
         * HAProxy's runtime API 5 s after the trigger, whichever comes first; besides the keep-alive clients, a client
         * opens a new connection for every request, every 0.7 s. DrainKit's {@code Connection: close} moves the
         * keep-alive clients, but only the load balancer can stop the new connections.
         */
        SLOW(Duration.ofSeconds(3), Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofMillis(700)));

        private final Duration checkInterval;
        private final Optional<Duration> removedAfter;
        private final Optional<Duration> newConnectionEvery;

        Propagation(Duration checkInterval, Optional<Duration> removedAfter, Optional<Duration> newConnectionEvery) {
            this.checkInterval = checkInterval;
            this.removedAfter = removedAfter;
            this.newConnectionEvery = newConnectionEvery;
        }

        /** @return HAProxy's {@code inter} */
        public Duration checkInterval() {
            return checkInterval;
        }

        /** @return when, after the trigger, the test takes the instance out of HAProxy, if it does */
        public Optional<Duration> removedAfter() {
            return removedAfter;
        }

        /** @return how often a client opens a new connection for a request, if one does */
        public Optional<Duration> newConnectionEvery() {
            return newConnectionEvery;
        }

        public String label() {
            return this == FAST ? "" : ", slow propagation";
        }
    }

    /** What Kubernetes does to the pod it deletes. */
    public enum Trigger {
        /** {@code lifecycle.preStop.httpGet} on the DrainKit endpoint, then SIGTERM when it returns. */
        PRESTOP_THEN_SIGTERM("preStop, then SIGTERM"),
        /** SIGTERM alone: DrainKit drains when the container shuts down. */
        SIGTERM("SIGTERM");

        private final String label;

        Trigger(String label) {
            this.label = label;
        }
    }

    /** DrainKit's delay settings in the instance taken out. */
    public enum Delay {
        /** {@code drainkit.delay=3s}: ample for HAProxy to notice (about 1 s), and quick for the suite. */
        SHORT(Duration.ofSeconds(3), Optional.empty()),
        /** DrainKit's default {@code drainkit.delay=10s}: the reference for the quiet period. */
        DEFAULT(Duration.ofSeconds(10), Optional.empty()),
        /**
         * {@code drainkit.delay=10s} with {@code drainkit.delay.quiet-period=1s}, and the floor a user derives from
         * the {@link Propagation#FAST} balancer: it checks every 500 ms and needs 2 failed checks, and it is the
         * balancer itself, so nothing propagates ({@code drainkit.probe.period=500ms},
         * {@code drainkit.probe.failure-threshold=2}, {@code drainkit.propagation=0}: a 1 s floor). The delay ends
         * once the traffic has stopped, that is, once HAProxy has let go.
         */
        QUIET_PERIOD(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(1)), floor("500ms", 2, "0")),
        /**
         * The same quiet period with the floor a user derives from the {@link Propagation#SLOW} balancer: it checks
         * every 3 s and needs 2 failed checks ({@code drainkit.probe.period=3s},
         * {@code drainkit.probe.failure-threshold=2}, {@code drainkit.propagation=0}: a 6 s floor); the endpoint's
         * removal, expected within 5 s, is covered by it.
         */
        QUIET_PERIOD_SLOW_BALANCER(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(1)), floor("3s", 2, "0"));

        private final Duration length;
        private final Optional<Duration> quietPeriod;
        private final Map<String, String> floor;

        Delay(Duration length, Optional<Duration> quietPeriod) {
            this(length, quietPeriod, Map.of());
        }

        Delay(Duration length, Optional<Duration> quietPeriod, Map<String, String> floor) {
            this.length = length;
            this.quietPeriod = quietPeriod;
            this.floor = floor;
        }

        private static Map<String, String> floor(String probePeriod, int failureThreshold, String propagation) {
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("DRAINKIT_PROBE_PERIOD", probePeriod);
            environment.put("DRAINKIT_PROBE_FAILURE_THRESHOLD", Integer.toString(failureThreshold));
            environment.put("DRAINKIT_PROPAGATION", propagation);
            return environment;
        }

        /** @return the environment that sets the floor of a quiet-period delay, empty for none */
        public Map<String, String> floor() {
            return floor;
        }

        /** @return what a run's label adds: nothing for the suite's short delay, else the settings */
        public String label() {
            return this == SHORT
                    ? ""
                    : ", " + length.toSeconds() + "s delay"
                            + quietPeriod
                                    .map(quiet -> ", " + quiet.toSeconds() + "s quiet period")
                                    .orElse("")
                            + (floor.isEmpty()
                                    ? ""
                                    : ", floor " + floor.get("DRAINKIT_PROBE_PERIOD") + " x "
                                            + floor.get("DRAINKIT_PROBE_FAILURE_THRESHOLD") + " + "
                                            + floor.get("DRAINKIT_PROPAGATION"));
        }

        /** @return {@code drainkit.delay} */
        public Duration length() {
            return length;
        }

        /** @return {@code drainkit.delay.quiet-period}, if set */
        public Optional<Duration> quietPeriod() {
            return quietPeriod;
        }
    }

    /**
     * The path HAProxy checks. The server's readiness endpoint exists in the control run too
     * ({@code drainkit.enabled=false} installs no {@code /drainkit/ready}); but on the embedded example it is served by
     * the application, so DrainKit counts each check as a request, and checks every 500 ms would keep a 1 s quiet
     * period from ever seeing silence. With a quiet period, HAProxy checks DrainKit's
     * {@value RollingRestart#DRAINKIT_READY_PATH} (of an application at the root), which DrainKit never counts, as
     * the README advises.
     *
     * @param readinessPath the server's readiness path
     * @return the health check's path
     */
    public String checkPath(String readinessPath) {
        return delay.quietPeriod().isPresent() ? RollingRestart.DRAINKIT_READY_PATH : readinessPath;
    }

    /** @return a short name for tables and directories */
    public String label() {
        return (drainKit ? "" : "control (DrainKit off): ") + mode.name().toLowerCase(Locale.ROOT) + ", "
                + trigger.label + delay.label() + propagation.label()
                + (connectionClose ? "" : ", drainkit.connection-close=false");
    }

    /** @return a file-system name */
    public String directoryName() {
        return (drainKit ? "" : "control-") + mode.name().toLowerCase(Locale.ROOT) + "-"
                + trigger.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (delay == Delay.SHORT
                        ? ""
                        : "-" + delay.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                + (propagation == Propagation.FAST ? "" : "-slow-propagation")
                + (connectionClose ? "" : "-no-connection-close");
    }
}

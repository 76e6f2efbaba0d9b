package io.drainkit.example.rollingupdate;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.drainkit.example.harness.HaProxy;

/**
 * One way of taking an instance out from behind the load balancer.
 *
 * @param mode     how HAProxy balances
 * @param trigger  what the instance is told
 * @param drainKit whether DrainKit is on in the instance taken out ({@code drainkit.enabled})
 * @param delay    how long the instance taken out keeps serving after the trigger
 */
record Scenario(HaProxy.Mode mode, Trigger trigger, boolean drainKit, Delay delay) {

    /**
     * A scenario with the suite's short fixed delay.
     *
     * @param mode     how HAProxy balances
     * @param trigger  what the instance is told
     * @param drainKit whether DrainKit is on in the instance taken out
     */
    Scenario(HaProxy.Mode mode, Trigger trigger, boolean drainKit) {
        this(mode, trigger, drainKit, Delay.SHORT);
    }

    /** What Kubernetes does to the pod it deletes. */
    enum Trigger {
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
    enum Delay {
        /** {@code drainkit.delay=3s}: ample for HAProxy to notice (about 1 s), and quick for the suite. */
        SHORT(Duration.ofSeconds(3), Optional.empty()),
        /** DrainKit's default {@code drainkit.delay=10s}: the reference for the quiet period. */
        DEFAULT(Duration.ofSeconds(10), Optional.empty()),
        /**
         * {@code drainkit.delay=10s} with {@code drainkit.delay.quiet-period=1s} (and the default minimum, 2s): the
         * delay ends once no request has arrived for 1 s, that is, once HAProxy has let go.
         */
        QUIET_PERIOD(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(1)));

        /** {@code drainkit.delay.min}'s default: with a quiet period, the delay never ends before this. */
        static final Duration MINIMUM = Duration.ofSeconds(2);

        private final Duration length;
        private final Optional<Duration> quietPeriod;

        Delay(Duration length, Optional<Duration> quietPeriod) {
            this.length = length;
            this.quietPeriod = quietPeriod;
        }

        /** @return what a run's label adds: nothing for the suite's short delay, else the settings */
        String label() {
            return this == SHORT ? "" : ", " + length.toSeconds() + "s delay"
                    + quietPeriod.map(quiet -> ", " + quiet.toSeconds() + "s quiet period").orElse("");
        }

        /** @return {@code drainkit.delay} */
        Duration length() {
            return length;
        }

        /** @return {@code drainkit.delay.quiet-period}, if set */
        Optional<Duration> quietPeriod() {
            return quietPeriod;
        }
    }

    /**
     * The path HAProxy checks. MicroProfile Health's {@value RollingUpdate#HEALTH_PATH} exists in the control run too
     * ({@code drainkit.enabled=false} installs no {@code /drainkit/ready}); but it is served by the application, so
     * DrainKit counts each check as a request, and checks every 500 ms would keep a 1 s quiet period from ever
     * seeing silence. With a quiet period, HAProxy checks DrainKit's {@value RollingUpdate#DRAINKIT_READY_PATH},
     * which DrainKit never counts, as the README advises.
     *
     * @return the health check's path
     */
    String checkPath() {
        return delay.quietPeriod().isPresent() ? RollingUpdate.DRAINKIT_READY_PATH : RollingUpdate.HEALTH_PATH;
    }

    /** @return a short name for tables and directories */
    String label() {
        return (drainKit ? "" : "control (DrainKit off): ") + mode.name().toLowerCase(Locale.ROOT) + ", "
                + trigger.label + delay.label();
    }

    /** @return a file-system name */
    String directoryName() {
        return (drainKit ? "" : "control-") + mode.name().toLowerCase(Locale.ROOT) + "-"
                + trigger.name().toLowerCase(Locale.ROOT).replace('_', '-')
                + (delay == Delay.SHORT ? "" : "-" + delay.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
}

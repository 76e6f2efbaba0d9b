package io.drainkit.example.rollingupdate;

import java.util.Locale;

import io.drainkit.example.harness.HaProxy;

/**
 * One way of taking an instance out from behind the load balancer.
 *
 * @param mode     how HAProxy balances
 * @param trigger  what the instance is told
 * @param drainKit whether DrainKit is on in the instance taken out ({@code drainkit.enabled})
 */
record Scenario(HaProxy.Mode mode, Trigger trigger, boolean drainKit) {

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

    /** @return a short name for tables and directories */
    String label() {
        return (drainKit ? "" : "control (DrainKit off): ") + mode.name().toLowerCase(Locale.ROOT) + ", "
                + trigger.label;
    }

    /** @return a file-system name */
    String directoryName() {
        return (drainKit ? "" : "control-") + mode.name().toLowerCase(Locale.ROOT) + "-"
                + trigger.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

import io.drainkit.DrainEndpoints;

/**
 * Every message about how DrainKit is set up in an application, in id order: enabled or not, its endpoints, the
 * adapters and metrics it found or not, the problems in its settings that fail the deployment (each names the key
 * and what is accepted, never a secret's value) and the warnings about risky values. {@link DrainMessages} has the
 * drain's own; each id is used once.
 */
public final class SetupMessages {

    private static final Logger LOG = System.getLogger("io.drainkit");

    private SetupMessages() {}

    static String invalidSettings(List<String> problems) {
        return "DRAINKIT-0005 Invalid DrainKit configuration, the application cannot start: "
                + String.join("; ", problems);
    }

    public static void disabled() {
        LOG.log(
                Level.INFO,
                "DRAINKIT-0006 DrainKit is disabled (drainkit.enabled=false): no filter, endpoints,"
                        + " readiness check or shutdown drain in this application");
    }

    static void weakToken(int length) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0010 drainkit.prestop.token has only {0} characters: use at least {1}"
                        + " random characters, anyone who knows it can take this pod out of service",
                length,
                DrainSettings.MIN_TOKEN_LENGTH);
    }

    public static void installed(String contextPath, DrainSettings settings) {
        LOG.log(Level.INFO, "DRAINKIT-0011 DrainKit active in ''{0}'': {1}", contextPath, settings);
    }

    public static String servletNameTaken(String name, String path) {
        return "DRAINKIT-0013 A servlet named '" + name + "' is already registered; DrainKit needs that name for "
                + path + ": rename the application's servlet";
    }

    public static String pathTaken(String path) {
        return "DRAINKIT-0014 " + path + " is already mapped by the application, and DrainKit serves it: remove"
                + " that mapping, or for the preStop endpoint choose another drainkit.prestop.path";
    }

    static void tightGracePeriod(Duration spare, Duration gracePeriod, Duration timeout) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0015 Only {0} of drainkit.grace-period ({1}) is left after drainkit.timeout"
                        + " ({2}) and {3} for the server''s own stop: a slow stop will be killed by SIGKILL; raise"
                        + " terminationGracePeriodSeconds or lower drainkit.timeout",
                Durations.format(spare),
                Durations.format(gracePeriod),
                Durations.format(timeout),
                Durations.format(DrainSettings.STOP_MARGIN));
    }

    static String invalidValue(String key, String shownValue, String accepted) {
        return "DRAINKIT-0016 " + key + "='" + shownValue + "' is not valid: expected " + accepted;
    }

    static String timeoutNotAfterDelay(Duration timeout, Duration delay) {
        return "DRAINKIT-0017 " + DrainSettings.TIMEOUT + "='" + Durations.format(timeout) + "' is not valid: expected"
                + " a duration longer than " + DrainSettings.DELAY + " (" + Durations.format(delay) + "): the deadline"
                + " counts from the trigger and must leave time to wait after the delay";
    }

    static String gracePeriodTooShort(Duration gracePeriod, Duration timeout) {
        Duration needed = timeout.plus(DrainSettings.STOP_MARGIN);
        return "DRAINKIT-0018 " + DrainSettings.GRACE_PERIOD + "='" + Durations.format(gracePeriod) + "' is not valid:"
                + " expected at least " + DrainSettings.TIMEOUT + " (" + Durations.format(timeout) + ") + "
                + Durations.format(DrainSettings.STOP_MARGIN) + " for the server's own stop: raise the pod's"
                + " terminationGracePeriodSeconds (and this key) to " + Durations.format(needed) + " or more, or lower "
                + DrainSettings.TIMEOUT;
    }

    static String tokenMissing() {
        return "DRAINKIT-0019 " + DrainSettings.PRESTOP_TOKEN + " is not set, but " + DrainSettings.PRESTOP_ENABLED
                + "=true: set " + DrainSettings.PRESTOP_TOKEN + " (or DRAINKIT_PRESTOP_TOKEN) to a secret, at least "
                + DrainSettings.MIN_TOKEN_LENGTH + " characters, that the preStop hook sends in the "
                + DrainEndpoints.TOKEN_HEADER + " header";
    }

    static String tokenUnusable() {
        // Never the value: it is a secret.
        return "DRAINKIT-0020 " + DrainSettings.PRESTOP_TOKEN + " is not valid (its value is not shown): expected"
                + " visible ASCII characters only, ! to ~, with no space: a request header carries nothing else"
                + " unchanged, so the preStop hook's token could never match";
    }

    static String explicitFloorNotBeforeDelay(Duration floor, Duration delay) {
        return "DRAINKIT-0024 " + DrainSettings.MIN_DELAY + "='" + Durations.format(floor) + "' is not shorter than "
                + DrainSettings.DELAY + " (" + Durations.format(delay) + "): with " + DrainSettings.QUIET_PERIOD
                + " set, the delay could never end early. Either lower " + DrainSettings.MIN_DELAY + " below "
                + Durations.format(delay) + ", or raise " + DrainSettings.DELAY + " above " + Durations.format(floor)
                + ", or remove " + DrainSettings.QUIET_PERIOD;
    }

    static String probeFloorNotBeforeDelay(
            Duration probePeriod, int failureThreshold, Duration propagation, Duration floor, Duration delay) {
        return "DRAINKIT-0025 The quiet period's floor, " + DrainSettings.PROBE_PERIOD + " ("
                + Durations.format(probePeriod) + ") x " + DrainSettings.PROBE_FAILURE_THRESHOLD + " ("
                + failureThreshold + ") + " + DrainSettings.PROPAGATION + " (" + Durations.format(propagation) + ") = "
                + Durations.format(floor) + ", is not shorter than " + DrainSettings.DELAY + " ("
                + Durations.format(delay) + "): with " + DrainSettings.QUIET_PERIOD + " set, the delay could never end"
                + " early. Either set " + DrainSettings.PROBE_PERIOD + " and " + DrainSettings.PROBE_FAILURE_THRESHOLD
                + " to your readiness probe's periodSeconds and failureThreshold and " + DrainSettings.PROPAGATION
                + " to the time the endpoint's removal takes to reach your load balancers (or "
                + DrainSettings.MIN_DELAY + " to the time they need to stop sending), shorter than "
                + Durations.format(delay) + " in all, or raise " + DrainSettings.DELAY + " above "
                + Durations.format(floor) + ", or remove " + DrainSettings.QUIET_PERIOD;
    }

    public static void serverAdapterAbsent(String adapter, String application, Throwable reason) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0026 " + adapter + " cannot hook into this server's stop (" + reason + "): '" + application
                        + "' drains on its preStop endpoint and at container shutdown, as without it");
    }

    public static void metricsRegistered(String instruments) {
        // No application name: on WildFly the CDI container starts before the servlet context names it.
        LOG.log(
                Level.INFO,
                "DRAINKIT-0040 DrainKit registered its drain metrics with the application''s OpenTelemetry"
                        + " bean: {0}; they are exported if its SDK is enabled (otel.sdk.disabled=false)",
                instruments);
    }

    static String jitterNotBeforeDeadline(Duration jitter, Duration delay, Duration timeout) {
        return "DRAINKIT-0052 " + DrainSettings.LONG_LIVED_JITTER + "='" + Durations.format(jitter) + "' is not valid:"
                + " expected a duration shorter than " + DrainSettings.TIMEOUT + " (" + Durations.format(timeout)
                + ") minus " + DrainSettings.DELAY + " (" + Durations.format(delay) + "): long-lived connections are"
                + " ended over it from the end of the delay, and must all be ended before the deadline";
    }

    public static void http2GoAwayUnavailable(String adapter, String application, Throwable reason) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0056 " + adapter + " finds no Jetty 12 server with HTTP/2 here (" + reason
                        + "): '" + application + "' drains as without it, and HTTP/2 clients keep their connections to"
                        + " this server until it stops");
    }
}

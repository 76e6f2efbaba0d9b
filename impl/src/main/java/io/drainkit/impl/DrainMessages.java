package io.drainkit.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainEndpoints;
import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;

/**
 * Every message DrainKit logs or throws, each with a stable id ({@code DRAINKIT-00nn}) that operators can
 * search for. Each says what happened and, where there is something to do, what to do.
 */
public final class DrainMessages {

    private static final Logger LOG = System.getLogger("io.drainkit");

    private DrainMessages() {
    }

    static void drainStarted(DrainTrigger trigger, Duration delay, Instant deadline, int inFlight) {
        logEvenAtExit(Level.INFO, "DRAINKIT-0001 Drain started by {0}: readiness is DOWN, serving on for {1} ({2}"
                + " request(s) in flight now), then waiting for those in flight until {3} at the latest",
                trigger, Durations.format(delay), inFlight, deadline);
    }

    /** The drain's start and summary: where the JVM's stop has closed the log, on standard error instead. */
    private static void logEvenAtExit(Level level, String format, Object... parameters) {
        LOG.log(level, format, parameters);
        ShutdownConsole.echoIfLost(LOG, level, format, parameters);
    }

    /** @return each kind's count, {@code [request: 3 served, timer: 1 served]}, if the drain saw more than requests */
    private static String byKind(DrainReport report) {
        return report.work().size() < 2 ? "" : " " + report.work();
    }

    static void waiting(int inFlight, Duration elapsed, Duration left) {
        LOG.log(Level.INFO, "DRAINKIT-0002 Draining: {0} request(s) in flight, {1} elapsed, {2} left",
                inFlight, Durations.format(elapsed), Durations.format(left));
    }

    static void drainCompleted(DrainReport report) {
        if (report.deadlineReached()) {
            logEvenAtExit(Level.WARNING, "DRAINKIT-0003 Drain ended at the deadline after {0}: {1} request(s) served,"
                    + " {2} still in flight and cut; raise drainkit.timeout (and the pod''s"
                    + " terminationGracePeriodSeconds) or make them end sooner{3}",
                    Durations.format(report.duration()), report.requestsServed(), report.inFlightAtEnd(),
                    byKind(report));
        } else {
            logEvenAtExit(Level.INFO, "DRAINKIT-0003 Drain completed in {0}: {1} request(s) served, none in flight{2}",
                    Durations.format(report.duration()), report.requestsServed(), byKind(report));
        }
    }

    static void stillInFlight(List<InFlightWork> work) {
        if (!work.isEmpty()) {
            LOG.log(Level.WARNING, "DRAINKIT-0004 Still running at the deadline (longest first): {0}",
                    work.stream().map(r -> r + " (" + (r.admittedBeforeDrain() ? "since before the drain, over " : "")
                            + Durations.format(r.age()) + ")").collect(Collectors.joining(", ")));
        }
    }

    static String invalidSettings(List<String> problems) {
        return "DRAINKIT-0005 Invalid DrainKit configuration, the application cannot start: "
                + String.join("; ", problems);
    }

    public static void disabled() {
        LOG.log(Level.INFO, "DRAINKIT-0006 DrainKit is disabled (drainkit.enabled=false): no filter, endpoints,"
                + " readiness check or shutdown drain in this application");
    }

    /**
     * @param count         how many calls this line reports
     * @param first         the first refusal of this application: later lines are at most one per interval
     * @param lastReason    why the last of them was refused
     * @param lastAddress   where the last of them came from
     * @param interval      the least time between two such lines
     */
    public static void preStopRejected(long count, boolean first, Object lastReason, String lastAddress,
            Duration interval) {
        if (first) {
            LOG.log(Level.WARNING, "DRAINKIT-0007 Refused a preStop request from {0}: {1}; nothing was started."
                    + " Further refusals are logged at most once per {2}", lastAddress, lastReason,
                    Durations.format(interval));
        } else {
            LOG.log(Level.WARNING, "DRAINKIT-0007 Refused {0} more preStop request(s) since the last such line, the"
                    + " last from {1}: {2}; nothing was started", count, lastAddress, lastReason);
        }
    }

    public static void observerFailed(String event, Throwable failure) {
        LOG.log(Level.WARNING, "DRAINKIT-0008 An observer of " + event + " failed; the drain goes on regardless",
                failure);
    }

    public static void shutdownDrainFailed(Throwable failure) {
        LOG.log(Level.ERROR, "DRAINKIT-0009 The shutdown drain failed; the shutdown goes on without it", failure);
    }

    static void weakToken(int length) {
        LOG.log(Level.WARNING, "DRAINKIT-0010 drainkit.prestop.token has only {0} characters: use at least {1}"
                + " random characters, anyone who knows it can take this pod out of service", length,
                DrainSettings.MIN_TOKEN_LENGTH);
    }

    public static void installed(String contextPath, DrainSettings settings) {
        LOG.log(Level.INFO, "DRAINKIT-0011 DrainKit active in ''{0}'': {1}", contextPath, settings);
    }

    public static void shutdownWaitEnded(Duration waited) {
        LOG.log(Level.WARNING, "DRAINKIT-0012 Stopped waiting for the drain at container shutdown after {0};"
                + " the shutdown goes on", Durations.format(waited));
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
        LOG.log(Level.WARNING, "DRAINKIT-0015 Only {0} of drainkit.grace-period ({1}) is left after drainkit.timeout"
                + " ({2}) and {3} for the server''s own stop: a slow stop will be killed by SIGKILL; raise"
                + " terminationGracePeriodSeconds or lower drainkit.timeout", Durations.format(spare),
                Durations.format(gracePeriod), Durations.format(timeout),
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

    public static void peerUnreachable(String application, Throwable failure) {
        LOG.log(Level.WARNING, "DRAINKIT-0021 Could not start the drain of '" + application + "' on this server;"
                + " the drain goes on without it", failure);
    }

    static void serverDrainCompleted(List<ApplicationDrain> applications) {
        logEvenAtExit(Level.INFO, "DRAINKIT-0022 Drain of {0} application(s) on this server ended: {1}", applications.size(),
                applications.stream().map(a -> "'" + a.application() + "' " + a.state() + ", "
                        + a.requestsServed() + " served, " + a.inFlight() + " in flight")
                        .collect(Collectors.joining("; ")));
    }

    public static void mbeanUnavailable(String application, Throwable failure) {
        LOG.log(Level.WARNING, "DRAINKIT-0023 Could not register the DrainKit MBean of '" + application + "': it drains"
                + " alone, and JMX tools cannot see its drain", failure);
    }

    static String explicitFloorNotBeforeDelay(Duration floor, Duration delay) {
        return "DRAINKIT-0024 " + DrainSettings.MIN_DELAY + "='" + Durations.format(floor) + "' is not shorter than "
                + DrainSettings.DELAY + " (" + Durations.format(delay) + "): with " + DrainSettings.QUIET_PERIOD
                + " set, the delay could never end early. Either lower " + DrainSettings.MIN_DELAY + " below "
                + Durations.format(delay) + ", or raise " + DrainSettings.DELAY + " above " + Durations.format(floor)
                + ", or remove " + DrainSettings.QUIET_PERIOD;
    }

    static String probeFloorNotBeforeDelay(Duration probePeriod, int failureThreshold, Duration propagation,
            Duration floor, Duration delay) {
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
        LOG.log(Level.WARNING, "DRAINKIT-0026 " + adapter + " cannot hook into this server's stop (" + reason
                + "): '" + application + "' drains on its preStop endpoint and at container shutdown, as without it");
    }

    public static void lateWorkSkipped(String kind, String name) {
        LOG.log(Level.INFO, "DRAINKIT-0030 Skipped the {0} {1}: it began after the drain''s delay (@Drained(late ="
                + " SKIP)); further skips of it in this drain are not logged", kind, name);
    }

    public static String lateWorkRejected(String kind, String name) {
        return "DRAINKIT-0031 Rejected the " + kind + " " + name + ": it began after the drain's delay and this"
                + " instance is leaving; retry on another instance";
    }

    public static void participantFailed(String participant, String what, Throwable failure) {
        LOG.log(Level.WARNING, "DRAINKIT-0032 The drain participant " + participant + " failed to " + what
                + "; the drain counts it as idle and goes on", failure);
    }

    public static void metricsRegistered(String instruments) {
        // No application name: on WildFly the CDI container starts before the servlet context names it.
        LOG.log(Level.INFO, "DRAINKIT-0040 DrainKit registered its drain metrics with the application''s OpenTelemetry"
                + " bean: {0}; they are exported if its SDK is enabled (otel.sdk.disabled=false)", instruments);
    }

    public static void metricsFailed(String what, Throwable failure) {
        LOG.log(Level.WARNING, "DRAINKIT-0041 Could not " + what + " DrainKit's OpenTelemetry metrics; the drain goes"
                + " on, and its figures are still in the log, the preStop report and the MBean", failure);
    }

    public static void metricsNotFlushed(Duration limit, String reason) {
        LOG.log(Level.INFO, "DRAINKIT-0042 The drain''s metrics were recorded but not handed to the exporter within"
                + " {0} ({1}): they go at the next export, or when the server shuts OpenTelemetry down",
                Durations.format(limit), reason);
    }

    public static void http2GoAwaySent(int connections, String application) {
        LOG.log(Level.INFO, "DRAINKIT-0055 Sent a graceful GOAWAY to {0} HTTP/2 connection(s) of the server while ''{1}''"
                + " drains: their clients open their next connection elsewhere, and the streams in flight complete",
                connections, application);
    }

    public static void http2GoAwayUnavailable(String adapter, String application, Throwable reason) {
        LOG.log(Level.WARNING, "DRAINKIT-0056 " + adapter + " finds no Jetty 12 server with HTTP/2 here (" + reason
                + "): '" + application + "' drains as without it, and HTTP/2 clients keep their connections to"
                + " this server until it stops");
    }

    public static void endingLongLived(int connections, Duration window) {
        LOG.log(Level.INFO, "DRAINKIT-0050 The delay is over: ending {0} long-lived connection(s) over {1}"
                + " (WebSockets close with 1001 Going Away, streams complete), so that their clients reconnect to the"
                + " instances that serve on, not all at once", connections, Durations.format(window));
    }

    public static void longLivedNotEnded(Object connection, Throwable reason) {
        LOG.log(Level.DEBUG, "DRAINKIT-0051 Could not end {0} ({1}): its client probably left first", connection,
                reason);
    }

    static String jitterNotBeforeDeadline(Duration jitter, Duration delay, Duration timeout) {
        return "DRAINKIT-0052 " + DrainSettings.LONG_LIVED_JITTER + "='" + Durations.format(jitter) + "' is not valid:"
                + " expected a duration shorter than " + DrainSettings.TIMEOUT + " (" + Durations.format(timeout)
                + ") minus " + DrainSettings.DELAY + " (" + Durations.format(delay) + "): long-lived connections are"
                + " ended over it from the end of the delay, and must all be ended before the deadline";
    }
}

package io.drainkit.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightRequest;

/**
 * Every message DrainKit logs or throws, each with a stable id ({@code DRAINKIT-00nn}) that operators can
 * search for. Each says what happened and, where there is something to do, what to do.
 */
public final class DrainMessages {

    private static final Logger LOG = System.getLogger("io.drainkit");

    private DrainMessages() {
    }

    static void drainStarted(DrainTrigger trigger, Duration delay, Instant deadline, int inFlight) {
        LOG.log(Level.INFO, "DRAINKIT-0001 Drain started by {0}: readiness is DOWN, serving on for {1} ({2}"
                + " request(s) in flight now), then waiting for those in flight until {3} at the latest",
                trigger, DrainSettings.format(delay), inFlight, deadline);
    }

    static void waiting(int inFlight, Duration elapsed, Duration left) {
        LOG.log(Level.INFO, "DRAINKIT-0002 Draining: {0} request(s) in flight, {1} elapsed, {2} left",
                inFlight, DrainSettings.format(elapsed), DrainSettings.format(left));
    }

    static void drainCompleted(DrainReport report) {
        if (report.deadlineReached()) {
            LOG.log(Level.WARNING, "DRAINKIT-0003 Drain ended at the deadline after {0}: {1} request(s) served,"
                    + " {2} still in flight and cut; raise drainkit.timeout (and the pod's"
                    + " terminationGracePeriodSeconds) or make them end sooner",
                    DrainSettings.format(report.duration()), report.requestsServed(), report.inFlightAtEnd());
        } else {
            LOG.log(Level.INFO, "DRAINKIT-0003 Drain completed in {0}: {1} request(s) served, none in flight",
                    DrainSettings.format(report.duration()), report.requestsServed());
        }
    }

    static void stillInFlight(List<InFlightRequest> requests) {
        if (!requests.isEmpty()) {
            LOG.log(Level.WARNING, "DRAINKIT-0004 Still running at the deadline (longest first): {0}",
                    requests.stream()
                            .map(r -> r.method() + " " + r.path() + " (" + (r.admittedBeforeDrain()
                                    ? "since before the drain, over " : "") + DrainSettings.format(r.age()) + ")")
                            .collect(Collectors.joining(", ")));
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
                    DrainSettings.format(interval));
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

    static void tightGracePeriod(Duration spare, Duration gracePeriod, Duration timeout) {
        LOG.log(Level.WARNING, "DRAINKIT-0015 Only {0} of drainkit.grace-period ({1}) is left after drainkit.timeout"
                + " ({2}) and {3} for the server''s own stop: a slow stop will be killed by SIGKILL; raise"
                + " terminationGracePeriodSeconds or lower drainkit.timeout", DrainSettings.format(spare),
                DrainSettings.format(gracePeriod), DrainSettings.format(timeout),
                DrainSettings.format(DrainSettings.STOP_MARGIN));
    }

    public static void installed(String contextPath, DrainSettings settings) {
        LOG.log(Level.INFO, "DRAINKIT-0011 DrainKit active in ''{0}'': {1}", contextPath, settings);
    }

    public static void shutdownWaitEnded(Duration waited) {
        LOG.log(Level.WARNING, "DRAINKIT-0012 Stopped waiting for the drain at container shutdown after {0};"
                + " the shutdown goes on", DrainSettings.format(waited));
    }

    public static String servletNameTaken(String name, String path) {
        return "DRAINKIT-0013 A servlet named '" + name + "' is already registered; DrainKit needs that name for "
                + path + ": rename the application's servlet";
    }

    public static String pathTaken(String path) {
        return "DRAINKIT-0014 " + path + " is already mapped by the application, and DrainKit serves it: remove"
                + " that mapping, or for the preStop endpoint choose another drainkit.prestop.path";
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;

/**
 * The messages of the drain itself, in id order, each with a stable id ({@code DRAINKIT-00nn}) that operators can
 * search for; {@link SetupMessages} has those of how DrainKit is set up. Each says what happened and, where there is
 * something to do, what to do.
 */
public final class DrainMessages {

    private static final Logger LOG = System.getLogger("io.drainkit");

    private DrainMessages() {}

    static void drainStarted(DrainTrigger trigger, Duration delay, Instant deadline, int inFlight) {
        logEvenAtExit(
                Level.INFO,
                "DRAINKIT-0001 Drain started by {0}: readiness is DOWN, serving on for {1} ({2}"
                        + " request(s) in flight now), then waiting for those in flight until {3} at the latest",
                trigger,
                Durations.format(delay),
                inFlight,
                deadline);
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
        LOG.log(
                Level.INFO,
                "DRAINKIT-0002 Draining: {0} request(s) in flight, {1} elapsed, {2} left",
                inFlight,
                Durations.format(elapsed),
                Durations.format(left));
    }

    static void drainCompleted(DrainReport report) {
        if (report.deadlineReached()) {
            logEvenAtExit(
                    Level.WARNING,
                    "DRAINKIT-0003 Drain ended at the deadline after {0}: {1} request(s) served,"
                            + " {2} still in flight and cut; raise drainkit.timeout (and the pod''s"
                            + " terminationGracePeriodSeconds) or make them end sooner{3}",
                    Durations.format(report.duration()),
                    report.requestsServed(),
                    report.inFlightAtEnd(),
                    byKind(report));
        } else {
            logEvenAtExit(
                    Level.INFO,
                    "DRAINKIT-0003 Drain completed in {0}: {1} request(s) served, none in flight{2}",
                    Durations.format(report.duration()),
                    report.requestsServed(),
                    byKind(report));
        }
    }

    static void stillInFlight(List<InFlightWork> work) {
        if (!work.isEmpty()) {
            LOG.log(
                    Level.WARNING,
                    "DRAINKIT-0004 Still running at the deadline (longest first): {0}",
                    work.stream()
                            .map(r -> r + " (" + (r.admittedBeforeDrain() ? "since before the drain, over " : "")
                                    + Durations.format(r.age()) + ")")
                            .collect(Collectors.joining(", ")));
        }
    }

    /**
     * @param count         how many calls this line reports
     * @param first         the first refusal of this application: later lines are at most one per interval
     * @param lastReason    why the last of them was refused
     * @param lastAddress   where the last of them came from
     * @param interval      the least time between two such lines
     */
    public static void preStopRejected(
            long count, boolean first, Object lastReason, String lastAddress, Duration interval) {
        if (first) {
            LOG.log(
                    Level.WARNING,
                    "DRAINKIT-0007 Refused a preStop request from {0}: {1}; nothing was started."
                            + " Further refusals are logged at most once per {2}",
                    lastAddress,
                    lastReason,
                    Durations.format(interval));
        } else {
            LOG.log(
                    Level.WARNING,
                    "DRAINKIT-0007 Refused {0} more preStop request(s) since the last such line, the"
                            + " last from {1}: {2}; nothing was started",
                    count,
                    lastAddress,
                    lastReason);
        }
    }

    public static void observerFailed(String event, Throwable failure) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0008 An observer of " + event + " failed; the drain goes on regardless",
                failure);
    }

    public static void shutdownDrainFailed(Throwable failure) {
        LOG.log(Level.ERROR, "DRAINKIT-0009 The shutdown drain failed; the shutdown goes on without it", failure);
    }

    public static void shutdownWaitEnded(Duration waited) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0012 Stopped waiting for the drain at container shutdown after {0};"
                        + " the shutdown goes on",
                Durations.format(waited));
    }

    public static void peerUnreachable(String application, Throwable failure) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0021 Could not start the drain of '" + application + "' on this server;"
                        + " the drain goes on without it",
                failure);
    }

    static void serverDrainCompleted(List<ApplicationDrain> applications) {
        logEvenAtExit(
                Level.INFO,
                "DRAINKIT-0022 Drain of {0} application(s) on this server ended: {1}",
                applications.size(),
                applications.stream()
                        .map(a -> "'" + a.application() + "' " + a.state() + ", " + a.requestsServed() + " served, "
                                + a.inFlight() + " in flight")
                        .collect(Collectors.joining("; ")));
    }

    public static void mbeanUnavailable(String application, Throwable failure) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0023 Could not register the DrainKit MBean of '" + application + "': it drains"
                        + " alone, and JMX tools cannot see its drain",
                failure);
    }

    public static void lateWorkSkipped(String kind, String name) {
        LOG.log(
                Level.INFO,
                "DRAINKIT-0030 Skipped the {0} {1}: it began after the drain''s delay (@Drained(late ="
                        + " SKIP)); further skips of it in this drain are not logged",
                kind,
                name);
    }

    public static String lateWorkRejected(String kind, String name) {
        return "DRAINKIT-0031 Rejected the " + kind + " " + name + ": it began after the drain's delay and this"
                + " instance is leaving; retry on another instance";
    }

    public static void participantFailed(String participant, String what, Throwable failure) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0032 The drain participant " + participant + " failed to " + what
                        + "; the drain counts it as idle and goes on",
                failure);
    }

    public static void participantNotCreated(String participant, Throwable failure) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0033 The drain participant " + participant + " could not be created as the application"
                        + " started; a drain looks for the participants again when it starts",
                failure);
    }

    public static void metricsFailed(String what, Throwable failure) {
        LOG.log(
                Level.WARNING,
                "DRAINKIT-0041 Could not " + what + " DrainKit's OpenTelemetry metrics; the drain goes"
                        + " on, and its figures are still in the log, the preStop report and the MBean",
                failure);
    }

    public static void metricsNotFlushed(Duration limit, String reason) {
        LOG.log(
                Level.INFO,
                "DRAINKIT-0042 The drain''s metrics were recorded but not handed to the exporter within"
                        + " {0} ({1}): they go at the next export, or when the server shuts OpenTelemetry down",
                Durations.format(limit),
                reason);
    }

    public static void http2GoAwaySent(int connections, String application) {
        LOG.log(
                Level.INFO,
                "DRAINKIT-0055 Sent a graceful GOAWAY to {0} HTTP/2 connection(s) of the server while ''{1}''"
                        + " drains: their clients open their next connection elsewhere, and the streams in flight complete",
                connections,
                application);
    }

    public static void endingLongLived(int connections, Duration window) {
        LOG.log(
                Level.INFO,
                "DRAINKIT-0050 The delay is over: ending {0} long-lived connection(s) over {1}"
                        + " (WebSockets close with 1001 Going Away, streams complete), so that their clients reconnect to the"
                        + " instances that serve on, not all at once",
                connections,
                Durations.format(window));
    }

    public static void longLivedNotEnded(Object connection, Throwable reason) {
        LOG.log(
                Level.DEBUG,
                "DRAINKIT-0051 Could not end {0} ({1}): its client probably left first",
                connection,
                reason);
    }
}

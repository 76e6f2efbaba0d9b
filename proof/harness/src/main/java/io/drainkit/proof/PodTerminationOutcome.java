// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a {@link PodTermination} run measured, its figures and what went wrong in it. Times are {@code System.nanoTime()}
 * values; {@code readinessDown} is {@code Long.MAX_VALUE} if readiness never went DOWN.
 *
 * @param server          the runtime
 * @param settings        DrainKit's settings
 * @param traffic         what the clients sent
 * @param before          the readiness answer before the trigger
 * @param exchanges       every request of the run (the straggler included)
 * @param slow            the slow requests, done
 * @param straggler       the request sent after the preStop call returned, done, if any
 * @param trigger         when the preStop call was sent
 * @param readinessDown   when readiness first answered 503
 * @param preStopReturned when the preStop call answered
 * @param preStopStatus   its status
 * @param report          its body
 * @param sigterm         when SIGTERM was sent
 * @param exited          when the exit was seen (or given up on)
 * @param cleanExit       whether the server exited as it does on a clean stop
 * @param exit            its exit status, if it exited
 * @param clientsStopped  whether every client stopped after the run
 */
public record PodTerminationOutcome(
        String server,
        DrainKitSettings settings,
        PodTermination.Traffic traffic,
        Readiness before,
        List<Exchange> exchanges,
        List<Exchange> slow,
        Optional<Exchange> straggler,
        long trigger,
        long readinessDown,
        long preStopReturned,
        int preStopStatus,
        DrainReportJson report,
        long sigterm,
        long exited,
        boolean cleanExit,
        OptionalInt exit,
        boolean clientsStopped) {

    /** @return the requests sent before the preStop call returned (the straggler is judged on its own) */
    public List<Exchange> whileServing() {
        return exchanges.stream().filter(e -> e.sentNanos() < preStopReturned).toList();
    }

    /** @return the requests sent after readiness went DOWN and before the preStop call returned: the delay's */
    public List<Exchange> duringDelay() {
        return whileServing().stream()
                .filter(e -> e.sentNanos() > readinessDown)
                .toList();
    }

    /** @return every way this run fell short of a drain that loses nothing; empty when it did not */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (before.status() != 200 || !before.check().equals("UP")) {
            problems.add("readiness before the trigger was " + before + ": " + before.body());
        }
        whileServing().stream()
                .filter(e -> !e.ok())
                .limit(5)
                .forEach(e -> problems.add("request " + e.path()
                        + " sent " + seconds(e.sentNanos() - trigger) + " failed: "
                        + (e.error() != null ? e.error() : "status " + e.status())));
        slow.stream().filter(e -> !e.ok()).forEach(e -> problems.add("slow request failed: " + e));
        if (readinessDown == Long.MAX_VALUE) {
            problems.add("readiness never answered 503 after the trigger");
        }
        if (preStopStatus != 200
                || !report.drainedInTime()
                || !report.text("trigger").equals(Optional.of("PRESTOP"))) {
            problems.add("preStop answered " + preStopStatus + ": " + report.json());
        }
        long slowestEndMs = slow.stream()
                .mapToLong(e -> (e.doneNanos() - trigger) / 1_000_000)
                .max()
                .orElse(0);
        if (slowestEndMs > settings.delay().toMillis() + 1_000 && report.number("durationMs") < slowestEndMs - 1_000) {
            problems.add("the drain (" + report.number("durationMs") + " ms) did not wait for the slowest request (done"
                    + " at " + slowestEndMs + " ms)");
        }
        List<Exchange> delay = duringDelay();
        if (delay.isEmpty()) {
            problems.add("no request was sent during the delay: the run proves nothing about it");
        }
        delay.stream()
                .filter(e -> !e.connectionClose())
                .limit(3)
                .forEach(e -> problems.add("answered without Connection: close during the delay: " + e));
        straggler
                .filter(e -> !e.ok())
                .ifPresent(e -> problems.add("the straggler, in flight at SIGTERM, failed: " + e));
        if (!cleanExit) {
            problems.add("the server " + (exit.isEmpty() ? "did not exit" : "exited with " + exit.getAsInt())
                    + " after SIGTERM");
        }
        if (!clientsStopped) {
            problems.add("a client was still running after the server exited");
        }
        return problems;
    }

    /**
     * Prints the figures an example's README quotes.
     *
     * @param timeline where
     */
    public void printFigures(Timeline timeline) {
        List<Exchange> whileServing = whileServing();
        timeline.line("");
        timeline.line("Result (" + server + ", preStop then SIGTERM; delay "
                + settings.delay().toMillis() + " ms," + " deadline "
                + settings.timeout().toMillis() + " ms)");
        timeline.line(
                "  requests sent:         " + exchanges.size() + " (" + traffic.clients() + " keep-alive clients on "
                        + traffic.work() + ", " + slow.size() + " slow), " + whileServing.size()
                        + " before the preStop call returned");
        timeline.line("  failed:                "
                + whileServing.stream().filter(e -> !e.ok()).count() + " of those");
        timeline.line("  readiness DOWN:        "
                + (readinessDown == Long.MAX_VALUE
                        ? "never"
                        : seconds(readinessDown - trigger) + " after the trigger"));
        timeline.line("  during the delay:      " + duringDelay().size() + " sent, "
                + duringDelay().stream().filter(Exchange::connectionClose).count()
                + " answered with Connection: close");
        timeline.line("  drain:                 " + report.summary());
        straggler.ifPresent(e -> timeline.line("  straggler:             " + e.path() + " in flight at SIGTERM: "
                + (e.ok() ? "HTTP " + e.status() : e.error() != null ? e.error() : "HTTP " + e.status())));
        timeline.line("  SIGTERM to exit:       " + seconds(exited - sigterm) + ", status "
                + (exit.isPresent() ? String.valueOf(exit.getAsInt()) : "none"));
        List<String> problems = problems();
        timeline.line(
                problems.isEmpty()
                        ? "PASS: no request failed, the server drained and exited"
                        : "FAIL: " + String.join("\n      ", problems));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%+.3f s", nanos / 1e9);
    }
}

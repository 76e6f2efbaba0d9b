// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.drainkit.proof.HaProxy;

/**
 * What one run measured. Times are milliseconds from the trigger (the preStop call, or SIGTERM).
 *
 * @param scenario          what was run
 * @param server            the runtime
 * @param requests          requests the clients sent, from the first to the last
 * @param failures          failed requests by kind: {@code HTTP 503}, {@code closed}, {@code reset}, ...
 * @param firstFailures     the first few failed requests, with when they were sent and what came of them
 * @param connectionClose   responses with {@code Connection: close} that the clients saw
 * @param toInstanceOut     connections (tcp) or requests (http) that HAProxy sent to the instance taken out
 * @param afterExit         requests sent after the instance taken out had exited (the load went on)
 * @param downAfterMs       when HAProxy marked the instance DOWN, if it did
 * @param drainMs           how long DrainKit's drain took (its DRAINKIT-0003 line), if it drained
 * @param preStop           the preStop call's status and report, if one was made
 * @param exitAfterMs       when the instance exited, after the trigger
 * @param exitStatus        its exit status, if it exited
 * @param cleanExit         whether that is the runtime's clean exit after SIGTERM
 * @param otherDown         whether HAProxy marked the other instance DOWN at some point (it should not)
 * @param clientsStopped    whether every client stopped when told
 * @param seconds           the run's wall-clock time, start-up included
 */
public record Outcome(
        Scenario scenario,
        String server,
        int requests,
        SortedMap<String, Integer> failures,
        List<String> firstFailures,
        long connectionClose,
        long toInstanceOut,
        long afterExit,
        OptionalLong downAfterMs,
        OptionalLong drainMs,
        String preStop,
        long exitAfterMs,
        OptionalInt exitStatus,
        boolean cleanExit,
        boolean otherDown,
        boolean clientsStopped,
        double seconds) {

    /** DrainKit's summary line, with how long the drain took. */
    private static final Pattern DRAINED =
            Pattern.compile("DRAINKIT-0003 Drain (?:completed in|ended at the deadline after) (\\d+)(ms|s)\\b");

    /** @return failed requests, of every kind */
    public int failed() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** @return the failures by kind, or "none" */
    public String failureKinds() {
        if (failures.isEmpty()) {
            return "none";
        }
        StringBuilder kinds = new StringBuilder();
        failures.forEach((kind, count) -> kinds.append(kinds.length() == 0 ? "" : ", ")
                .append(count)
                .append(' ')
                .append(kind));
        return kinds.toString();
    }

    /** @return one table row, Markdown */
    public String row() {
        return String.format(
                Locale.ROOT,
                "| %s | %d | %d | %s | %s | %s | +%d ms (%s) | %d |",
                scenario.label(),
                requests,
                failed(),
                failureKinds(),
                millis(downAfterMs),
                drainMs.isPresent() ? drainMs.getAsLong() + " ms" : "-",
                exitAfterMs,
                exitStatus.isPresent() ? exitStatus.getAsInt() : "none",
                connectionClose);
    }

    /** @return the table's header, Markdown */
    public static String header() {
        return "| run | requests | failed | failures by kind | HAProxy marked it DOWN | drain time | exited (status)"
                + " | Connection: close seen |\n|---|---:|---:|---|---:|---:|---:|---:|";
    }

    /** @return what happened, for a failure message */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s: %d requests, %d failed (%s); %d to the instance taken out, %d after it"
                        + " exited; HAProxy marked it DOWN at %s; drain: %s; exited at +%d ms with %s; preStop: %s;"
                        + " Connection: close seen %d times%s%s%s",
                scenario.label(),
                requests,
                failed(),
                failureKinds(),
                toInstanceOut,
                afterExit,
                millis(downAfterMs),
                drainMs.isPresent() ? drainMs.getAsLong() + " ms" : "none",
                exitAfterMs,
                exitStatus.isPresent() ? "status " + exitStatus.getAsInt() : "no exit",
                preStop,
                connectionClose,
                otherDown ? "; HAProxy ALSO marked the other instance DOWN" : "",
                clientsStopped ? "" : "; a client did not stop",
                firstFailures.isEmpty()
                        ? ""
                        : "\n  first failures (time sent, from the trigger):\n    "
                                + String.join("\n    ", firstFailures));
    }

    /**
     * What a run with DrainKit must show: traffic to the instance taken out and after its exit, no failed request, a
     * clean exit, HAProxy letting go within the delay, DrainKit's drain, {@code Connection: close} in tcp mode (only it
     * moves pinned connections), a drained preStop answer, and every client stopped.
     *
     * @return what fell short; empty when nothing did
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        check(problems, toInstanceOut > 0, "HAProxy sent no traffic to the instance taken out");
        check(problems, afterExit > 0, "no request was sent after the instance exited (the load must go on)");
        check(problems, failed() == 0, failed() + " request(s) failed");
        check(problems, cleanExit, "the instance taken out did not exit cleanly: " + exitStatus);
        long delay = scenario.delay().length().toMillis();
        check(
                problems,
                downAfterMs.isPresent() && downAfterMs.getAsLong() < delay,
                "HAProxy did not mark the instance DOWN within the " + delay + " ms delay");
        check(problems, drainMs.isPresent(), "no DRAINKIT-0003 line: DrainKit did not drain");
        check(
                problems,
                scenario.mode() != HaProxy.Mode.TCP || connectionClose > 0,
                "no response with Connection: close in tcp mode");
        check(
                problems,
                scenario.trigger() != Scenario.Trigger.PRESTOP_THEN_SIGTERM
                        || preStop.startsWith("200 ")
                                && preStop.contains("\"status\":\"DRAINED\"")
                                && preStop.contains("\"deadlineReached\":false"),
                "the preStop answer: " + preStop);
        check(problems, clientsStopped, "a client did not stop");
        return problems;
    }

    /**
     * What the control run without DrainKit must show, or the proof could not tell success from luck: traffic to the
     * instance taken out, and failed requests.
     *
     * @return what fell short; empty when nothing did
     */
    public List<String> controlProblems() {
        List<String> problems = new ArrayList<>();
        check(problems, toInstanceOut > 0, "HAProxy sent no traffic to the instance taken out");
        check(
                problems,
                failed() > 0,
                "no request failed without DrainKit: too little load, or a load balancer that"
                        + " noticed before the instance stopped serving");
        return problems;
    }

    private static void check(List<String> problems, boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }

    private static String millis(OptionalLong value) {
        return value.isPresent() ? (value.getAsLong() >= 0 ? "+" : "") + value.getAsLong() + " ms" : "-";
    }

    /**
     * @param output the server's output
     * @return how long its drain took, as DrainKit's summary line says, if it says
     */
    static OptionalLong drainMillis(List<String> output) {
        for (String line : output) {
            Matcher drained = DRAINED.matcher(line);
            if (drained.find()) {
                long amount = Long.parseLong(drained.group(1));
                return OptionalLong.of(drained.group(2).equals("s") ? amount * 1000 : amount);
            }
        }
        return OptionalLong.empty();
    }
}

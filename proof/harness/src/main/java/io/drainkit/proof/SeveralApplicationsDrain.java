// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The Kubernetes sequence against one server that holds several DrainKit WARs, whatever the server: keep-alive load on
 * every application and one slow request in the last, the pod's one preStop hook calling the first, readiness DOWN on
 * the server's own health endpoint, the load balancer letting go a second later, the preStop answer, SIGTERM, exit.
 * Server-specific tests start the server and check what they see in its answers; this runs the sequence and measures.
 */
public final class SeveralApplicationsDrain {

    private static final String WORK = "work?ms=200";
    private static final String SLOW = "work?ms=5000";

    private final HttpClient http = Load.newClient();

    /**
     * What one run measured.
     *
     * @param requests     every request sent to any application, slow one included
     * @param readyBefore  the server's readiness answer before the trigger
     * @param readyDown    its first 503 answer after the trigger
     * @param report       the preStop call's answer
     * @param slow         the slow request to the last application
     * @param downNanos    when readiness answered 503
     * @param answerNanos  when the preStop call answered
     * @param exitNanos    when the server's JVM had exited after SIGTERM
     * @param triggerNanos when the preStop call was sent
     */
    public record Outcome(
            List<Exchange> requests,
            String readyBefore,
            String readyDown,
            HttpResponse<String> report,
            Exchange slow,
            long triggerNanos,
            long downNanos,
            long answerNanos,
            long exitNanos) {

        /** @return the requests that did not answer 200 */
        public List<Exchange> failed() {
            return requests.stream().filter(e -> !e.ok()).collect(Collectors.toList());
        }

        /** @return the requests sent between readiness DOWN and the preStop answer: the delay's */
        public List<Exchange> duringDelay() {
            return requests.stream()
                    .filter(e -> e.sentNanos() > downNanos && e.sentNanos() < answerNanos)
                    .collect(Collectors.toList());
        }

        /**
         * What went wrong, if anything: a failed request; an application whose check was not UP before and DOWN after
         * the trigger in the server's readiness, or that the report does not list; a request during the delay without
         * {@code Connection: close}; the slow request failed or ending after the preStop answer; a deadline reached.
         *
         * @param contextPaths every application's context path, e.g. {@code /drainkit-example}
         * @param checkStatus  reads a check's status from a readiness document: (document, context path) to UP, DOWN
         *                     or anything else when absent
         * @return one sentence per problem; empty when the drain went as it must
         */
        public List<String> problems(List<String> contextPaths, BiFunction<String, String, String> checkStatus) {
            List<String> problems = new ArrayList<>();
            failed().forEach(e -> problems.add("failed: " + e));
            for (String application : contextPaths) {
                if (!"UP".equals(checkStatus.apply(readyBefore, application))
                        || !"DOWN".equals(checkStatus.apply(readyDown, application))) {
                    problems.add(application + "'s check not UP then DOWN: " + readyBefore + " then " + readyDown);
                }
                if (!report.body().contains("\"application\":\"" + application + "\"")) {
                    problems.add("the report does not list " + application + ": " + report.body());
                }
            }
            if (duringDelay().isEmpty() || !duringDelay().stream().allMatch(Exchange::connectionClose)) {
                problems.add("requests during the delay, each with Connection: close: " + duringDelay());
            }
            if (!slow.ok() || slow.doneNanos() > answerNanos) {
                problems.add("the slow request failed or ended after the preStop answer: " + slow);
            }
            if (!report.body().contains("\"deadlineReached\":false")) {
                problems.add("the drain reached its deadline: " + report.body());
            }
            return problems;
        }

        /** @return one line of figures, for the test's timeline and the README */
        public String summary() {
            return String.format(
                    "%d requests, %d failed; %d sent during the delay, %d with Connection: close;"
                            + " preStop answered after %.2f s, the JVM exited %.2f s after the trigger",
                    requests.size(),
                    failed().size(),
                    duringDelay().size(),
                    duringDelay().stream().filter(Exchange::connectionClose).count(),
                    (answerNanos - triggerNanos) / 1e9,
                    (exitNanos - triggerNanos) / 1e9);
        }
    }

    /**
     * Runs the sequence.
     *
     * @param applications the applications' base URIs; the first gets the preStop call, the last the slow request
     * @param readiness    the server's readiness endpoint (503 once any application is DOWN)
     * @param token        the preStop token
     * @param serverJvm    the JVM to send SIGTERM to once preStop answered
     * @param timeout      DrainKit's timeout: how long the preStop call may take
     * @return what it measured
     * @throws Exception if the server does not answer as the sequence needs
     */
    public Outcome run(List<URI> applications, URI readiness, String token, ProcessHandle serverJvm, Duration timeout)
            throws Exception {
        String before = get(readiness).body();
        List<Load> loads = new ArrayList<>();
        for (URI application : applications) {
            Load load = new Load(application);
            load.startClients(2, WORK, 1_000, Duration.ofSeconds(60));
            loads.add(load);
        }
        CompletableFuture<Exchange> slow = loads.get(loads.size() - 1).sendOne(SLOW);
        awaitTrue(() -> loads.stream().allMatch(load -> load.exchanges().size() >= 10), "load on every application");

        long triggered = System.nanoTime();
        CompletableFuture<HttpResponse<String>> preStop =
                Kubelet.preStop(http, applications.get(0), token, timeout.plusSeconds(10));
        awaitTrue(() -> get(readiness).statusCode() == 503, "the server's readiness DOWN");
        long down = System.nanoTime();
        // The application called starts the drain, its peers a moment later (DrainKit's channel between them).
        awaitTrue(
                () -> applications.stream().allMatch(application -> checkStatus(
                                get(readiness).body(), application.getPath().replaceFirst("/$", ""))
                        .equals("DOWN")),
                "every application DOWN");
        String readyDown = get(readiness).body();
        TimeUnit.MILLISECONDS.sleep(PodTermination.LOAD_BALANCER_LAG.toMillis());
        loads.forEach(Load::stopSending);

        HttpResponse<String> answer = preStop.get(timeout.toSeconds() + 10, TimeUnit.SECONDS);
        long answered = System.nanoTime();
        Exchange slowOne = slow.get(Load.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        serverJvm.destroy();
        serverJvm.onExit().get(30, TimeUnit.SECONDS);
        long exited = System.nanoTime();
        List<Exchange> all = new ArrayList<>();
        for (Load load : loads) {
            load.awaitClients(Load.REQUEST_TIMEOUT);
            all.addAll(load.exchanges());
        }
        return new Outcome(all, before, readyDown, answer, slowOne, triggered, down, answered, exited);
    }

    /**
     * Reads one DrainKit check from a MicroProfile Health readiness document, as WildFly, Open Liberty and Payara write
     * it ({@code {"name":"drainkit:/shop","status":"UP",...}}).
     *
     * @param readiness   the document
     * @param contextPath the application's context path
     * @return UP, DOWN, or {@code absent}
     */
    public static String checkStatus(String readiness, String contextPath) {
        return new Readiness(200, "", "", -1, readiness).check(contextPath);
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what)
            throws InterruptedException, TimeoutException {
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new TimeoutException("no " + what + " within 15 s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}

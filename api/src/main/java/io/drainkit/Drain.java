// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.servlet.ServletContext;

/**
 * The application's handle on its drain: one per application, for the application's whole life.
 *
 * <p>Obtain it by injection ({@code @Inject Drain drain;}) or, without CDI, with {@link #of(ServletContext)}.
 * All methods are thread-safe and may be called from any thread, including request threads.
 *
 * <p>A drain runs once: readiness turns DOWN at the trigger, the application keeps serving for the
 * configured delay, then DrainKit waits until no request is in flight or until the deadline (counted from
 * the trigger), whichever comes first. Later triggers join the drain already running.
 *
 * @since 0.1
 */
public interface Drain {

    /** The {@link ServletContext} attribute under which DrainKit publishes the application's {@code Drain}. */
    String SERVLET_CONTEXT_ATTRIBUTE = "io.drainkit.Drain";

    /**
     * The application this drain belongs to, as reports, health checks and the MBean name it.
     *
     * @return its context path ({@code ""} for the root context), or {@code ""} before the servlet container
     *         started it
     */
    String application();

    /**
     * The current state; moves only forward.
     *
     * @return the state at the time of the call
     */
    DrainState state();

    /**
     * How many units of work are in flight now: requests (not counting DrainKit's own endpoints), calls to
     * {@link Drained} beans, {@linkplain #track(String, String) tracked} units, participants not yet idle.
     *
     * @return the number of units admitted and not yet completed
     */
    int inFlight();

    /**
     * Counts a unit of work that is not an HTTP request in, for code with its own loop (a consumer it polls itself, a
     * task): a drain waits for it, up to its deadline, until it is {@linkplain WorkInFlight#close() closed}.
     * <pre>{@code
     * while (drain.acceptsNewWork()) {
     *     var records = consumer.poll(timeout);
     *     try (var work = drain.track("kafka", "orders")) {
     *         process(records);
     *     }
     * }}</pre>
     *
     * @param kind what it is, as the report's summary counts it ({@code kafka}, {@code task})
     * @param name which one, as a report cut at the deadline names it ({@code orders})
     * @return the unit, in flight until closed
     * @since 0.1
     */
    WorkInFlight track(String kind, String name);

    /**
     * As {@link #track(String, String)}, with the first word of {@code label} as the kind and the rest as the name:
     * {@code track("kafka orders")}; a label of one word is of kind {@code work}.
     *
     * @param label the kind, a space, the name
     * @return the unit, in flight until closed
     * @since 0.1
     */
    default WorkInFlight track(String label) {
        int space = label.indexOf(' ');
        return space < 0 ? track("work", label) : track(label.substring(0, space), label.substring(space + 1));
    }

    /**
     * The question a poll loop asks before it takes new work: non-blocking, allocates nothing.
     *
     * @return {@code true} while the application serves and during the drain's delay; {@code false} once the delay is
     *         over (load balancers have let go: finish what is in flight, start nothing new)
     * @since 0.1
     */
    boolean acceptsNewWork();

    /**
     * Starts the drain, or joins the one already running or finished.
     *
     * @param trigger what starts it; reported in the events and the report (ignored when joining)
     * @return completes with the report when the drain has ended; never completes exceptionally
     */
    CompletionStage<DrainReport> start(DrainTrigger trigger);

    /**
     * Starts the drain for the application, as {@code start(DrainTrigger.APPLICATION)}.
     *
     * @return completes with the report when the drain has ended
     */
    default CompletionStage<DrainReport> start() {
        return start(DrainTrigger.APPLICATION);
    }

    /**
     * Waits until the drain has ended, without starting one.
     *
     * @param timeout how long to wait at most
     * @return the report, or empty if no drain ended within the timeout
     * @throws InterruptedException if the calling thread was interrupted while waiting
     */
    Optional<DrainReport> awaitDrained(Duration timeout) throws InterruptedException;

    /**
     * The report of the drain, once it has ended.
     *
     * @return the report, or empty while {@link #state()} is not {@link DrainState#DRAINED}
     */
    Optional<DrainReport> report();

    /**
     * The application's {@code Drain}, for code that does not use CDI.
     *
     * @param context the application's servlet context
     * @return the handle DrainKit published when the application started
     * @throws IllegalStateException if DrainKit is not installed or is disabled in this application
     */
    static Drain of(ServletContext context) {
        return Published.in(context, SERVLET_CONTEXT_ATTRIBUTE, Drain.class);
    }
}

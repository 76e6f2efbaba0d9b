// SPDX-License-Identifier: Apache-2.0
package io.drainkit.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.drainkit.InFlightWork;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainRegistry;
import io.drainkit.impl.WorkNamer;
import io.drainkit.impl.cdi.DrainedInterceptor;

/**
 * What the in-flight filter asks of DrainKit for every request while the application serves (not draining): may it
 * be admitted ({@code drainkit.late-requests}), count it in, is a drain on ({@code Connection: close}), count it out.
 * The rest of the filter is a servlet-path comparison and the container's own work, which the wrk run measures.
 *
 * <p>Next to it, what DrainKit's {@code @Drained} interceptor does around each call of a bean (or timer callback):
 * is the delay over, count it in, proceed, count it out.
 *
 * <p>The coordinator comes from {@link DrainRegistry}, as the servlet container's initializer gets it, with the
 * default settings. Two threads share it, as two request threads of one application do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class HotPathBenchmark {

    /** As the filter's: a constant, so that admitting allocates nothing. */
    private static final WorkNamer<Object> NAMER = (request, age, beforeDrain) ->
            new InFlightWork("request", "GET " + String.valueOf(request), age, beforeDrain);
    /** The filter's setting, read once, as the filter does; the default policy. */
    private static final boolean REJECT_LATE_REQUESTS = false;

    private final DrainCoordinator coordinator =
            DrainRegistry.forServletContainer(HotPathBenchmark.class.getClassLoader());
    private final DrainedInterceptor interceptor = new DrainedInterceptor(coordinator);

    /** One request object per thread, as each request thread has its own request. */
    @State(Scope.Thread)
    public static class Request {
        final Object request = new Object();
    }

    /**
     * @param request the calling thread's request
     * @return whether the response would carry {@code Connection: close} (never, here), so that nothing is elided
     */
    @Benchmark
    @Threads(1)
    public boolean enterExitOneThread(Request request) {
        return enterExit(request.request);
    }

    /**
     * @param request the calling thread's request
     * @return whether the response would carry {@code Connection: close} (never, here), so that nothing is elided
     */
    @Benchmark
    @Threads(2)
    public boolean enterExitTwoThreads(Request request) {
        return enterExit(request.request);
    }

    /** One call context per thread, as each thread makes its own calls. */
    @State(Scope.Thread)
    public static class Call {
        final InterceptedCall call = new InterceptedCall();
    }

    /**
     * @param call the calling thread's call
     * @return what the call returned, so that nothing is elided
     * @throws Exception never: the call returns
     */
    @Benchmark
    @Threads(1)
    public Object interceptedCallOneThread(Call call) throws Exception {
        return interceptor.call(call.call);
    }

    /**
     * @param call the calling thread's call
     * @return what the call returned, so that nothing is elided
     * @throws Exception never: the call returns
     */
    @Benchmark
    @Threads(2)
    public Object interceptedCallTwoThreads(Call call) throws Exception {
        return interceptor.call(call.call);
    }

    private boolean enterExit(Object request) {
        if (REJECT_LATE_REQUESTS && coordinator.isDelayOver()) {
            return false;
        }
        int ticket = coordinator.enter(request, NAMER);
        boolean closeConnection = coordinator.isDraining();
        coordinator.exit(ticket);
        return closeConnection;
    }
}

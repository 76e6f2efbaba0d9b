// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;
import io.drainkit.LateWorkRejectedException;
import io.drainkit.WorkCount;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainSettings;

/** The interceptor of {@code @Drained} in a Weld application with the real extension. */
class DrainedInterceptorTest {

    private static WeldApplication.Builder application() {
        return WeldApplication.builder().declaredBeanClasses(DrainedBean.class);
    }

    /** Verifies that a call in progress is counted and holds the drain until it returns, and is counted as a call. */
    @Test
    void callInProgressHoldsTheDrain() throws Exception {
        try (WeldApplication app = application().start()) {
            DrainCoordinator drain = app.drain();
            DrainedBean bean = app.container().select(DrainedBean.class).get();
            CountDownLatch gate = new CountDownLatch(1);
            CompletableFuture<Boolean> call = CompletableFuture.supplyAsync(() -> hold(bean, gate));
            await().until(drain::inFlight, count -> count == 1);

            CompletionStage<DrainReport> done = drain.start(DrainTrigger.APPLICATION);
            assertThatThrownBy(() -> done.toCompletableFuture().get(500, TimeUnit.MILLISECONDS))
                    .as("the drain while the call runs")
                    .isInstanceOf(TimeoutException.class);
            gate.countDown();

            DrainReport report = done.toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(call.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(report.deadlineReached()).isFalse();
            assertThat(report.work()).contains(new WorkCount(InFlightWork.CALL, 1, 0));
        }
    }

    /** Verifies that the deadline names a call still running by the bean's class and method. */
    @Test
    void deadlineNamesTheCall() throws Exception {
        try (WeldApplication app =
                application().setting(DrainSettings.TIMEOUT, "500ms").start()) {
            DrainCoordinator drain = app.drain();
            DrainedBean bean = app.container().select(DrainedBean.class).get();
            CountDownLatch gate = new CountDownLatch(1);
            CompletableFuture.supplyAsync(() -> hold(bean, gate));
            await().until(drain::inFlight, count -> count == 1);

            DrainReport report =
                    drain.start(DrainTrigger.APPLICATION).toCompletableFuture().get(10, TimeUnit.SECONDS);
            gate.countDown();

            assertThat(report.stillInFlight())
                    .extracting(InFlightWork::toString)
                    .containsExactly("call DrainedBean.hold");
        }
    }

    /** Verifies each policy for a call that begins after the delay: run, skip (not run), reject (exception). */
    @Test
    void lateCallsFollowTheirPolicy() throws Exception {
        try (WeldApplication app = application().start()) {
            DrainCoordinator drain = app.drain();
            DrainedBean bean = app.container().select(DrainedBean.class).get();
            WeldApplication.HeldRequest request = app.holdRequest("GET /slow");
            drain.start(DrainTrigger.APPLICATION);
            await().until(drain::isDelayOver);
            assertThat(drain.state()).isEqualTo(DrainState.DRAINING);

            bean.runLate();
            assertThat(bean.runs()).as("run: the class's default").isEqualTo(1);
            bean.skipLate();
            assertThat(bean.runs()).as("skip: not run").isEqualTo(1);
            assertThatThrownBy(bean::rejectLate)
                    .isInstanceOf(LateWorkRejectedException.class)
                    .hasMessageContaining("DRAINKIT-0031")
                    .hasMessageContaining("DrainedBean.rejectLate");
            assertThat(bean.runs()).as("reject: not run").isEqualTo(1);
            request.complete();
        }
    }

    /** Verifies that calls during the delay run whatever their policy. */
    @Test
    void callsDuringTheDelayRun() throws Exception {
        try (WeldApplication app =
                application().setting(DrainSettings.DELAY, "2s").start()) {
            DrainCoordinator drain = app.drain();
            DrainedBean bean = app.container().select(DrainedBean.class).get();
            drain.start(DrainTrigger.APPLICATION);

            bean.skipLate();
            bean.rejectLate();

            assertThat(bean.runs()).isEqualTo(2);
        }
    }

    private static boolean hold(DrainedBean bean, CountDownLatch gate) {
        try {
            return bean.hold(gate);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

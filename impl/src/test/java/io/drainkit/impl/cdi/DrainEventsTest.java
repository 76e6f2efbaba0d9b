// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainCompleted;
import io.drainkit.DrainStarted;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainSettings;

/**
 * The {@link DrainStarted} and {@link DrainCompleted} CDI events, as application observer beans receive them
 * during a container-shutdown drain that ends when the last request completes.
 */
class DrainEventsTest {

    /**
     * Verifies that @Observes observers receive DrainStarted and DrainCompleted, with the drain's report, before the
     * container's shutdown goes on.
     */
    // Repeated because it guards a race: the drain ends on the request's thread while the shutdown thread wakes
    // up, and DrainCompleted used to be lost or late in about one run in four.
    @RepeatedTest(10)
    void observersReceiveDrainStartedAndDrainCompletedBeforeShutdownGoesOn() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(RecordingObserver.class)
                .setting(DrainSettings.TIMEOUT, "20s")
                .start()) {
            DrainCoordinator drain = app.drain();
            EventRecord record =
                    app.container().select(RecordingObserver.class).get().record();
            WeldApplication.HeldRequest request = app.holdRequest("GET /slow");
            CompletableFuture<Void> shutdown = app.shutdownInBackground();

            DrainStarted started = record.started.get(10, TimeUnit.SECONDS);
            assertThat(started.trigger()).isEqualTo(DrainTrigger.CONTAINER_SHUTDOWN);
            request.complete();
            shutdown.get(10, TimeUnit.SECONDS);

            assertThat(record.completed)
                    .as("DrainCompleted, when shutdown went on")
                    .isDone();
            assertThat(record.completed.get().report()).isEqualTo(drain.report().orElseThrow());
        }
    }

    /**
     * Verifies that an observer that throws on DrainStarted breaks neither the drain nor the delivery of
     * DrainCompleted.
     */
    @Test
    void drainCompletesAndDrainCompletedArrivesWhenDrainStartedObserverThrows() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(ThrowingObserver.class, RecordingObserver.class)
                .setting(DrainSettings.TIMEOUT, "20s")
                .start()) {
            DrainCoordinator drain = app.drain();
            CompletableFuture<DrainStarted> thrown =
                    app.container().select(ThrowingObserver.class).get().thrown();
            EventRecord record =
                    app.container().select(RecordingObserver.class).get().record();
            WeldApplication.HeldRequest request = app.holdRequest("GET /slow");
            CompletableFuture<Void> shutdown = app.shutdownInBackground();

            thrown.get(10, TimeUnit.SECONDS);
            request.complete();
            shutdown.get(10, TimeUnit.SECONDS);

            assertThat(drain.report()).hasValueSatisfying(report -> assertThat(report.deadlineReached())
                    .isFalse());
            assertThat(record.completed)
                    .as("DrainCompleted, when shutdown went on")
                    .isDone();
            assertThat(record.completed.get().report()).isEqualTo(drain.report().orElseThrow());
        }
    }

    /**
     * Verifies that while a DrainStarted observer is blocked the drain still completes, its report is available, the
     * other observers still receive DrainCompleted (on the shutdown thread, while the beans are alive), and the
     * container's shutdown still returns.
     */
    @Test
    void drainAndShutdownCompleteWhileDrainStartedObserverIsBlocked() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(BlockingObserver.class, RecordingObserver.class)
                .setting(DrainSettings.TIMEOUT, "20s")
                .start()) {
            DrainCoordinator drain = app.drain();
            BlockingObserver.Gate gate =
                    app.container().select(BlockingObserver.class).get().gate();
            EventRecord record =
                    app.container().select(RecordingObserver.class).get().record();
            try {
                WeldApplication.HeldRequest request = app.holdRequest("GET /slow");
                CompletableFuture<Void> shutdown = app.shutdownInBackground();
                await().until(gate.entered::isDone);

                request.complete();

                assertThat(drain.awaitDrained(Duration.ofSeconds(10)))
                        .as("the drain's report")
                        .hasValueSatisfying(report -> {
                            assertThat(report.trigger()).isEqualTo(DrainTrigger.CONTAINER_SHUTDOWN);
                            assertThat(report.deadlineReached()).isFalse();
                        });
                shutdown.get(10, TimeUnit.SECONDS);
                assertThat(gate.returned)
                        .as("the blocked observer, when the drain and the shutdown ended")
                        .isNotDone();
                assertThat(record.completed)
                        .as("DrainCompleted, when shutdown went on")
                        .isDone();
            } finally {
                gate.release.countDown();
            }
        }
    }

    /** What the observers of one application received; a plain object that outlives the container. */
    static final class EventRecord {
        final CompletableFuture<DrainStarted> started = new CompletableFuture<>();
        final CompletableFuture<DrainCompleted> completed = new CompletableFuture<>();
    }

    /** Records both events. */
    @ApplicationScoped
    public static class RecordingObserver {
        private final EventRecord record = new EventRecord();

        void onStarted(@Observes DrainStarted started) {
            record.started.complete(started);
        }

        void onCompleted(@Observes DrainCompleted completed) {
            record.completed.complete(completed);
        }

        EventRecord record() {
            return record;
        }
    }

    /** Throws on DrainStarted, and is called before other observers. */
    @ApplicationScoped
    public static class ThrowingObserver {
        private final CompletableFuture<DrainStarted> thrown = new CompletableFuture<>();

        void onStarted(@Observes @Priority(1) DrainStarted started) {
            thrown.complete(started);
            throw new IllegalStateException("thrown by an application observer on purpose");
        }

        CompletableFuture<DrainStarted> thrown() {
            return thrown;
        }
    }

    /** Blocks in DrainStarted until the test releases it. */
    @ApplicationScoped
    public static class BlockingObserver {
        private final Gate gate = new Gate();

        void onStarted(@Observes DrainStarted started) throws InterruptedException {
            gate.entered.complete(null);
            try {
                gate.release.await(30, TimeUnit.SECONDS);
            } finally {
                gate.returned.complete(null);
            }
        }

        Gate gate() {
            return gate;
        }

        /** The test's view of the observer: entered, released by the test, returned. */
        static final class Gate {
            final CompletableFuture<Void> entered = new CompletableFuture<>();
            final CountDownLatch release = new CountDownLatch(1);
            final CompletableFuture<Void> returned = new CompletableFuture<>();
        }
    }
}

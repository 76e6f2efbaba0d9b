// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;
import io.drainkit.WorkCount;

/** Participant beans in a Weld application with the real extension. */
class DrainParticipantsCdiTest {

    /**
     * Verifies that a participant is created as the application starts, on the thread that starts it (where a server
     * resolves its {@code @Resource}s), not first on DrainKit's thread when a drain starts; and that the drain then
     * counts that participant.
     */
    @Test
    void participantIsCreatedWithTheApplication() throws Exception {
        StartupParticipant.CREATED_ON.set(null);
        String starting = Thread.currentThread().getName();
        try (WeldApplication app = WeldApplication.builder()
                .declaredBeanClasses(StartupParticipant.class)
                .start()) {
            assertThat(StartupParticipant.CREATED_ON.get())
                    .as("the thread the participant was created on, before any drain")
                    .isEqualTo(starting);

            DrainReport report = app.drain()
                    .start(DrainTrigger.APPLICATION)
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);

            assertThat(report.work()).contains(new WorkCount(InFlightWork.PARTICIPANT, 1, 0));
        }
    }
}

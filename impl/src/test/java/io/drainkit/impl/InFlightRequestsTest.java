// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.drainkit.InFlightWork;

class InFlightRequestsTest {

    private static final WorkNamer<Object> NAMER =
            (request, age, beforeDrain) -> new InFlightWork("test", String.valueOf(request), age, beforeDrain);

    /** Verifies that requests beyond the tracked slots are still counted, and released exactly. */
    @Test
    void requestsBeyondTheTableAreCountedButNotNamed() {
        InFlightRequests requests = new InFlightRequests(32);
        List<Integer> tickets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tickets.add(requests.admit("r" + i, NAMER, InFlightRequests.NOT_STAMPED));
        }

        assertThat(requests.count()).isEqualTo(100);
        assertThat(tickets).contains(InFlightRequests.UNTRACKED);
        assertThat(requests.oldest(1000)).hasSize(32);
        tickets.forEach(requests::release);
        assertThat(requests.count()).isZero();
        assertThat(requests.isEmpty()).isTrue();
    }

    /**
     * Verifies that oldest() lists the requests admitted without a time stamp first, then the others by admission
     * time, with their admission times, up to the limit.
     */
    @Test
    void oldestListsUnstampedThenEarliestAdmittedFirst() {
        InFlightRequests requests = new InFlightRequests(64);
        requests.admit("third", NAMER, 250);
        int released = requests.admit("second", NAMER, 100);
        requests.admit("fourth", NAMER, 900);
        requests.admit("before the drain", NAMER, InFlightRequests.NOT_STAMPED);
        requests.release(released);

        List<InFlightRequests.Entry> oldest = requests.oldest(3);
        assertThat(oldest)
                .containsExactly(
                        new InFlightRequests.Entry("before the drain", NAMER, InFlightRequests.NOT_STAMPED),
                        new InFlightRequests.Entry("third", NAMER, 250),
                        new InFlightRequests.Entry("fourth", NAMER, 900));
        assertThat(oldest).extracting(InFlightRequests.Entry::stamped).containsExactly(false, true, true);
    }

    /** Verifies that a released slot is reused and a request is never counted twice. */
    @Test
    void releasedSlotsAreReused() {
        InFlightRequests requests = new InFlightRequests(32);
        for (int i = 0; i < 10_000; i++) {
            int ticket = requests.admit("r", NAMER, i);
            assertThat(ticket).isNotEqualTo(InFlightRequests.UNTRACKED);
            assertThat(requests.count()).isEqualTo(1);
            requests.release(ticket);
        }
        assertThat(requests.isEmpty()).isTrue();
    }
}

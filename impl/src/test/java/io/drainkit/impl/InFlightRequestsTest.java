package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class InFlightRequestsTest {

    private final AtomicLong nanos = new AtomicLong();

    /** Verifies that requests beyond the tracked slots are still counted, and released exactly. */
    @Test
    void requestsBeyondTheTableAreCountedButNotNamed() {
        InFlightRequests requests = new InFlightRequests(32, nanos::get);
        List<Integer> tickets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tickets.add(requests.admit("r" + i));
        }

        assertThat(requests.count()).isEqualTo(100);
        assertThat(tickets).contains(InFlightRequests.UNTRACKED);
        assertThat(requests.oldest(1000)).hasSize(32);
        tickets.forEach(requests::release);
        assertThat(requests.count()).isZero();
        assertThat(requests.isEmpty()).isTrue();
    }

    /** Verifies that oldest() lists the longest-running requests first, with their ages, up to the limit. */
    @Test
    void oldestListsLongestRunningFirst() {
        InFlightRequests requests = new InFlightRequests(64, nanos::get);
        requests.admit("first");
        nanos.set(100);
        int second = requests.admit("second");
        nanos.set(250);
        requests.admit("third");
        nanos.set(1000);
        requests.release(second);

        assertThat(requests.oldest(2)).containsExactly(
                new InFlightRequests.Entry("first", 1000), new InFlightRequests.Entry("third", 750));
    }

    /** Verifies that a released slot is reused and a request is never counted twice. */
    @Test
    void releasedSlotsAreReused() {
        InFlightRequests requests = new InFlightRequests(32, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            int ticket = requests.admit("r");
            assertThat(ticket).isNotEqualTo(InFlightRequests.UNTRACKED);
            assertThat(requests.count()).isEqualTo(1);
            requests.release(ticket);
        }
        assertThat(requests.isEmpty()).isTrue();
    }
}

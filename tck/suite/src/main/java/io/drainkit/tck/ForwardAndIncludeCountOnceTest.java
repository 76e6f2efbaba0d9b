// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/** A forwarded or included request is one request: counted once. */
@TckWar(name = "dispatch-once", delay = "0", timeout = "30s")
public class ForwardAndIncludeCountOnceTest extends TckBase {

    /** Verifies that the servlet a request is forwarded to sees no other request in flight. */
    @Test
    void forwardIsCountedOnce() {
        assertCountedOnce("forward");
    }

    /** Verifies that the servlet a request includes sees no other request in flight. */
    @Test
    void includeIsCountedOnce() {
        assertCountedOnce("include");
    }

    /**
     * Starts from a deployment with nothing in flight. A container sends a forwarded response in full before
     * {@code forward} returns (Servlet 6.0, 9.4), so the client can read it an instant before the forwarding
     * request is counted out; a test that ran before this one could otherwise still be counted.
     */
    private void assertCountedOnce(String dispatch) {
        client.awaitInFlight(0);

        HttpResponse<String> response = client.get(dispatch);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TckClient.number(response.body(), "inFlight"))
                .as("others in flight during a %s: %s", dispatch, response.body())
                .isZero();
    }
}

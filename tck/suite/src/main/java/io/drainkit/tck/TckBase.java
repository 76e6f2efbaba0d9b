// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every TCK scenario that talks to a deployed WAR shares: Arquillian runs it and injects the URL of the
 * class's deployment (its only managed one), {@link #client} talks to it, and the assertions below wait with the
 * TCK's timeouts and fail with a message that says what did not happen. A subclass declares its own
 * {@code @Deployment(testable = false)} and its tests.
 *
 * <p>{@code InvalidConfigurationFailsDeploymentTest} does not extend it: it has no managed deployment, so there is no
 * URL to inject (Arquillian fails the injection rather than leave the field empty).
 *
 * <p>Not thread-safe: JUnit creates one instance per test method and calls it from one thread.
 *
 * @since 0.1
 */
@ExtendWith(ArquillianExtension.class)
public abstract class TckBase {

    @ArquillianResource
    private URL base;

    /** The client for the class's deployment: a new one for each test method, once Arquillian injected the URL. */
    protected TckClient client;

    @BeforeEach
    final void connect() {
        client = new TckClient(base);
    }

    /**
     * @param application the name of another application on the same runtime (its context path)
     * @return a client for it
     * @throws MalformedURLException never, for a name that is a context path
     */
    protected final TckClient clientOf(String application) throws MalformedURLException {
        return new TckClient(new URL(base, "../" + application + "/"));
    }

    /**
     * Waits for a request sent with {@link TckClient#getAsync} or {@link TckClient#preStop()}.
     *
     * @param call the request
     * @param what what the request is, for the failure message ("the preStop call")
     * @return its response
     * @throws AssertionError if it does not answer within {@link TckTimeouts#prompt()}, or fails
     */
    protected static HttpResponse<String> answer(CompletableFuture<HttpResponse<String>> call, String what) {
        Duration limit = TckTimeouts.prompt();
        try {
            return call.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError(what + ": no answer within " + limit.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new AssertionError(what + ": the request failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted while waiting for the answer", e);
        }
    }

    /**
     * @param response an HTTP/1.1 response
     * @param when     when it was sent, for the failure message ("during the delay")
     */
    protected static void assertAsksToClose(HttpResponse<String> response, String when) {
        assertThat(response.headers().allValues("Connection"))
                .as("Connection header %s", when)
                .anySatisfy(value -> assertThat(value).isEqualToIgnoringCase("close"));
    }

    /**
     * Not "no Connection header": Undertow (WildFly) answers every HTTP/1.1 response with {@code Connection: keep-alive}.
     *
     * @param response an HTTP/1.1 response
     * @param when     when it was sent, for the failure message ("while serving")
     */
    protected static void assertKeepsConnection(HttpResponse<String> response, String when) {
        assertThat(response.headers().allValues("Connection"))
                .as("Connection header %s", when)
                .noneSatisfy(value -> assertThat(value).containsIgnoringCase("close"));
    }

    /**
     * @param report the preStop answer's body
     * @throws AssertionError unless the drain ended before its deadline with nothing in flight
     */
    protected static void assertDrainedInTime(String report) {
        assertThat(report).as("the drain report").contains("\"deadlineReached\":false");
        assertThat(TckClient.number(report, "inFlightAtEnd"))
                .as("inFlightAtEnd in %s", report)
                .isZero();
    }

    /**
     * @param report the preStop answer's body
     * @param kind   a kind of work ({@code timer}, {@code task}, {@code participant})
     * @param served how many units of it the drain served
     * @throws AssertionError unless the report's summary counts that many served, none cut
     */
    protected static void assertWorkServed(String report, String kind, int served) {
        assertThat(report)
                .as("the report's summary of the work by kind")
                .contains("{\"kind\":\"" + kind + "\",\"served\":" + served + ",\"inFlightAtEnd\":0}");
    }

    /**
     * @param preStop the preStop call, sent
     * @param holding what holds the drain, for the failure message ("while the task runs")
     * @throws AssertionError if the call answers within a second: nothing held the drain
     */
    protected static void assertStillDraining(CompletableFuture<HttpResponse<String>> preStop, String holding) {
        assertThatThrownBy(() -> preStop.get(1, TimeUnit.SECONDS))
                .as("preStop %s", holding)
                .isInstanceOf(TimeoutException.class);
    }
}

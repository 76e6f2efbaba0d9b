// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.drainkit.DrainEndpoints;
import io.drainkit.tck.deployment.TckSettings;

/**
 * HTTP/1.1 access to one test deployment, with assertion messages that say what broke.
 *
 * @since 0.1
 */
public final class TckClient {

    private static final Pattern IN_FLIGHT = Pattern.compile("\"inFlight\":(-?\\d+)");
    private static final Pattern STATE = Pattern.compile("\"state\":\"(\\w+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TckTimeouts.prompt())
            .build();
    private final URI base;

    /**
     * @param base the deployment's URL as Arquillian injects it
     */
    public TckClient(URL base) {
        String url = base.toExternalForm();
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        assertThat(this.base.getHost()).as("TCK traffic stays on loopback").isIn("127.0.0.1", "localhost", "[::1]");
    }

    /** @return the deployment's base URI, ending with {@code /} */
    public URI base() {
        return base;
    }

    /**
     * @param path relative to the deployment, without a leading {@code /}
     * @return the response, read as text
     */
    public HttpResponse<String> get(String path) {
        return send(request(path).build());
    }

    /**
     * @param path relative to the deployment
     * @return the response, when it comes
     */
    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return http.sendAsync(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Calls the preStop endpoint.
     *
     * @param token the token to send, or {@code null} for none
     * @return the response, which comes when the drain has ended (or at once, if refused)
     */
    public CompletableFuture<HttpResponse<String>> preStop(String token) {
        HttpRequest.Builder request = request("drainkit/prestop").timeout(TckTimeouts.scaled(Duration.ofSeconds(90)));
        if (token != null) {
            request.header(DrainEndpoints.TOKEN_HEADER, token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** @return the preStop call with the TCK's token */
    public CompletableFuture<HttpResponse<String>> preStop() {
        return preStop(TckSettings.TOKEN);
    }

    /** @return requests in flight in the deployment, not counting the one that asks */
    public int inFlight() {
        return extract(IN_FLIGHT, get("status").body(), "inFlight");
    }

    /** @return the deployment's drain state: SERVING, DRAINING or DRAINED */
    public String state() {
        Matcher matcher = STATE.matcher(get("status").body());
        assertThat(matcher.find()).as("/status answers with a state").isTrue();
        return matcher.group(1);
    }

    /**
     * Waits until exactly {@code expected} requests are in flight.
     *
     * @param expected the count to wait for
     */
    public void awaitInFlight(int expected) {
        await("in flight = " + expected).atMost(TckTimeouts.prompt()).until(() -> inFlight() == expected);
    }

    /**
     * Waits until exactly {@code expected} requests have been in flight for {@code window} without a break. A count
     * that shows only while a dispatch runs does not pass: the window is far longer than a dispatch.
     *
     * @param expected the count to wait for
     * @param window   how long it must hold
     */
    public void awaitInFlightFor(int expected, Duration window) {
        await("in flight = " + expected + " for " + window.toMillis() + " ms without a break")
                .during(window)
                .atMost(TckTimeouts.prompt().plus(window))
                .until(() -> inFlight() == expected);
    }

    /**
     * Waits until the drain state is {@code expected}.
     *
     * @param expected SERVING, DRAINING or DRAINED
     */
    public void awaitState(String expected) {
        await("state = " + expected).atMost(TckTimeouts.prompt()).until(() -> state().equals(expected));
    }

    /** Waits until the drain's delay is over: the application's {@code Drain} accepts no new work. */
    public void awaitDelayOver() {
        awaitAnswer("status", "\"acceptsNewWork\":false");
    }

    /**
     * Waits until a GET of {@code path} answers with a body that contains {@code expected}.
     *
     * @param path     relative to the deployment
     * @param expected what the body must contain
     */
    public void awaitAnswer(String path, String expected) {
        await(path + " answers " + expected)
                .atMost(TckTimeouts.prompt())
                .until(() -> get(path).body().contains(expected));
    }

    /** @param gate the name of the gate to open */
    public void open(String gate) {
        assertThat(get("gate?open=" + gate).statusCode())
                .as("opening gate %s", gate)
                .isEqualTo(200);
    }

    /**
     * Reads a number from a JSON document the way the TCK needs it: one named field.
     *
     * @param json  the document
     * @param field the field name
     * @return its value
     */
    public static long number(String json, String field) {
        Matcher matcher =
                Pattern.compile("\"" + Pattern.quote(field) + "\":(-?\\d+)").matcher(json);
        assertThat(matcher.find()).as("field %s in %s", field, json).isTrue();
        return Long.parseLong(matcher.group(1));
    }

    private static int extract(Pattern pattern, String json, String field) {
        Matcher matcher = pattern.matcher(json);
        assertThat(matcher.find()).as("field %s in %s", field, json).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TckTimeouts.prompt());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + request.uri(), e);
        }
    }
}

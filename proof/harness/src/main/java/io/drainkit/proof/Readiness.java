// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of a server's MicroProfile Health readiness endpoint, and DrainKit's check in it
 * ({@code drainkit:<context path>}, with its {@code state} and {@code inFlight} data).
 *
 * @param status   the HTTP status: 200 UP, 503 DOWN
 * @param check    the drainkit check's status ({@code UP}, {@code DOWN}), or {@code absent}
 * @param state    DrainKit's state in the check ({@code SERVING}, {@code DRAINING}, {@code DRAINED}), or {@code absent}
 * @param inFlight the requests in flight the check reports, or -1 if absent
 * @param body     the whole answer
 */
public record Readiness(int status, String check, String state, int inFlight, String body) {

    private static final Pattern DRAINKIT_CHECK =
            Pattern.compile("\\{\"name\":\"drainkit:/[^\"]*\",\"status\":\"(\\w+)\",\"data\":\\{([^}]*)}");
    private static final Pattern STATE = Pattern.compile("\"state\":\"(\\w+)\"");
    private static final Pattern IN_FLIGHT = Pattern.compile("\"inFlight\":\"?(\\d+)");

    private static final HttpClient CLIENT = Load.newClient();

    /**
     * Asks the endpoint once, with a shared client.
     *
     * @throws IOException if it does not answer
     */
    public static Readiness ask(URI endpoint) throws IOException, InterruptedException {
        return ask(CLIENT, endpoint);
    }

    /**
     * Asks the endpoint once.
     *
     * @throws IOException if it does not answer
     */
    public static Readiness ask(HttpClient client, URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        return parse(response.statusCode(), response.body());
    }

    static Readiness parse(int status, String body) {
        Matcher check = DRAINKIT_CHECK.matcher(body.replaceAll("\\s", ""));
        if (!check.find()) {
            return new Readiness(status, "absent", "absent", -1, body);
        }
        Matcher state = STATE.matcher(check.group(2));
        Matcher inFlight = IN_FLIGHT.matcher(check.group(2));
        return new Readiness(
                status,
                check.group(1),
                state.find() ? state.group(1) : "absent",
                inFlight.find() ? Integer.parseInt(inFlight.group(1)) : -1,
                body);
    }

    /**
     * Reads the check of one application of several on the server ({@code drainkit:<context path>}).
     *
     * @param contextPath the application's context path, e.g. {@code /drainkit-example}
     * @return its status, UP or DOWN, or {@code absent}
     */
    public String check(String contextPath) {
        Matcher check = Pattern.compile(
                        "\\{\"name\":\"drainkit:" + Pattern.quote(contextPath) + "\",\"status\":\"(\\w+)\"")
                .matcher(body.replaceAll("\\s", ""));
        return check.find() ? check.group(1) : "absent";
    }

    /** @return for example {@code 503 DOWN DRAINING} */
    @Override
    public String toString() {
        return status + " " + check + " " + state;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.drainkit.DrainEndpoints;

/** What the kubelet does to a pod being deleted: the preStop hook's HTTP call, then (by the caller) SIGTERM. */
public final class Kubelet {

    private Kubelet() {}

    /**
     * Calls the application's preStop endpoint at its default path, with the token in DrainKit's header.
     *
     * @param client      the client
     * @param application the application's base, ending in {@code /}
     * @param token       the token
     * @param timeout     how long the call may take (the drain's deadline and some)
     * @return the answer, once the drain is over
     */
    public static CompletableFuture<HttpResponse<String>> preStop(
            HttpClient client, URI application, String token, Duration timeout) {
        return client.sendAsync(
                HttpRequest.newBuilder(application.resolve(DrainEndpoints.DEFAULT_PRESTOP_PATH.substring(1)))
                        .header(DrainEndpoints.TOKEN_HEADER, token)
                        .timeout(timeout)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import io.drainkit.proof.ServerProcess;

/**
 * What the end-to-end tests of the embedded example's process share: an HTTP/1.1 client (at its default version the
 * JDK's client would upgrade to h2c on the example's port), a directory for the process's log, and the process,
 * stopped after each test; a GET with a bound.
 */
abstract class ExampleProcessTest {

    protected final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    protected Path logs;

    protected ServerProcess server;

    /**
     * @param base the example's base URI
     * @param path a path under it
     * @return the answer to a GET, waited for at most 20 s
     */
    protected HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stopTheExample() {
        if (server != null) {
            server.close();
        }
    }
}

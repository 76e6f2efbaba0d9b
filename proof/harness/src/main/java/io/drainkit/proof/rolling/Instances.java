// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.drainkit.proof.Load;
import io.drainkit.proof.ServerUnderTest;

/**
 * The instances of a suite of runs: the remaining one, started with the first run and kept through all of them, as the
 * other pods of a rolling update keep serving; and a fresh one taken out in each run, started while the remaining one
 * starts (an application server takes seconds to).
 */
final class Instances implements AutoCloseable {

    private final ServerUnderTest.Launcher launcher;
    private CompletableFuture<ServerUnderTest> remaining;

    Instances(ServerUnderTest.Launcher launcher) {
        this.launcher = launcher;
    }

    /**
     * Starts the remaining instance, if it does not run yet; returns at once.
     *
     * @param environment its settings
     * @param directory   where its files go
     */
    void startRemaining(Map<String, String> environment, Path directory) {
        if (remaining == null) {
            remaining = CompletableFuture.supplyAsync(() -> start(environment, directory));
        }
    }

    /** @return the remaining instance, once it has started */
    ServerUnderTest remaining() {
        return remaining.join();
    }

    /**
     * @param environment its settings
     * @param directory   where its files go
     * @return the instance a run takes out, started
     */
    ServerUnderTest start(Map<String, String> environment, Path directory) {
        try {
            Files.createDirectories(directory);
            return launcher.start(environment, directory);
        } catch (IOException failed) {
            throw new UncheckedIOException("an instance did not start in " + directory, failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an instance started", interrupted);
        }
    }

    /** Stops the remaining instance, as a rolling update's last step would. */
    @Override
    public void close() throws InterruptedException {
        if (remaining != null) {
            ServerUnderTest instance = remaining.join();
            instance.sigterm();
            instance.awaitExit(Duration.ofSeconds(60));
            instance.close();
            remaining = null;
        }
    }

    /**
     * Gets a freshly started instance through its first, slow requests (class loading, JIT), as a readiness probe
     * would before Kubernetes sends it traffic, so that HAProxy's first checks do not time out.
     *
     * @param instance  an instance, started
     * @param checkPath the path HAProxy checks
     * @param timeout   how long each request may take
     * @throws IOException          if a request fails
     * @throws InterruptedException if interrupted
     */
    static void warmUp(ServerUnderTest instance, String checkPath, Duration timeout)
            throws IOException, InterruptedException {
        HttpClient client = Load.newClient();
        URI check = instance.readiness().resolve(checkPath);
        URI work = instance.application().resolve("work?ms=0");
        for (URI uri : List.of(check, work, check, work)) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(uri).timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + answer.statusCode() + " " + answer.body());
            }
        }
    }
}

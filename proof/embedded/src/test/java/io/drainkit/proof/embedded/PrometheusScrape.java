// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One scrape of a Prometheus endpoint, as Prometheus reads it: the samples of its text format, {@code name{labels}
 * value} one a line.
 *
 * @param samples the lines that are samples (no comments)
 */
record PrometheusScrape(List<String> samples) {

    /**
     * @param http     the client
     * @param endpoint the endpoint, such as {@code http://127.0.0.1:9464/metrics}
     * @return what it answered
     * @throws AssertionError if it did not answer 200
     */
    static PrometheusScrape of(HttpClient http, URI endpoint) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + endpoint + " answered " + response.statusCode() + ": " + response.body());
        }
        return new PrometheusScrape(response.body()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList());
    }

    /**
     * @param metric the sample's name, such as {@code drainkit_drains_total}
     * @param labels labels it has, each as {@code name="value"}
     * @return the value of the one sample with that name and those labels, or empty if there is none
     * @throws AssertionError if several samples match
     */
    OptionalDouble value(String metric, String... labels) {
        List<String> matching = samples.stream()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> line.contains(label)))
                .toList();
        if (matching.size() > 1) {
            throw new AssertionError("several samples of " + metric + " " + Arrays.toString(labels) + ": " + matching);
        }
        // No timestamps: the value is the last field.
        return matching.stream()
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** @return DrainKit's samples without the histograms' buckets, for the figures */
    List<String> drainKitFigures() {
        return samples.stream()
                .filter(line -> line.startsWith("drainkit_") && !line.contains("_bucket{"))
                .toList();
    }
}

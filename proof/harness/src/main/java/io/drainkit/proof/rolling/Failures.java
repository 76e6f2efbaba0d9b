// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.drainkit.proof.Exchange;

/** How a run's requests are told apart and kept: each failure's kind, and every request in a file. */
public final class Failures {

    private Failures() {}

    /** A failed request's kind, as a user would name it. */
    public static String kind(Exchange failed) {
        String error = failed.error();
        if (error == null) {
            return "HTTP " + failed.status();
        }
        if (failed.status() == 200) {
            return "wrong body";
        }
        if (error.contains("HttpTimeoutException") || error.contains("timed out")) {
            return "timed out";
        }
        if (error.contains("ConnectException") || error.contains("Connection refused")) {
            return "refused";
        }
        if (error.contains("Connection reset")) {
            return "reset";
        }
        if (error.contains("EOF") || error.contains("received no bytes") || error.contains("closed")) {
            return "closed without answer";
        }
        return "other";
    }

    /**
     * @param exchanges a run's requests
     * @return how many failed, by {@link #kind}
     */
    static SortedMap<String, Integer> byKind(List<Exchange> exchanges) {
        SortedMap<String, Integer> failures = new TreeMap<>();
        exchanges.stream()
                .filter(exchange -> !exchange.ok())
                .forEach(failed -> failures.merge(kind(failed), 1, Integer::sum));
        return failures;
    }

    /**
     * @param exchanges a run's requests
     * @param trigger   when the instance was told to stop ({@link System#nanoTime()})
     * @param most      how many to list
     * @return the first failures, in the order they were sent: when, what, and what came of it
     */
    static List<String> first(List<Exchange> exchanges, long trigger, int most) {
        return exchanges.stream()
                .filter(exchange -> !exchange.ok())
                .sorted((x, y) -> Long.compare(x.sentNanos(), y.sentNanos()))
                .limit(most)
                .map(failed -> String.format(
                        Locale.ROOT,
                        "%+d ms %s -> %s",
                        millis(failed.sentNanos() - trigger),
                        failed.path(),
                        failed.error() != null ? failed.error() : "HTTP " + failed.status()))
                .toList();
    }

    /** Every request of the run, for whoever has to find out why one failed. */
    static void writeExchanges(List<Exchange> exchanges, long trigger, Path file) throws IOException {
        StringBuilder tsv = new StringBuilder("sent_ms\tdone_ms\tclient\tstatus\tconnection_close\terror\n");
        exchanges.stream()
                .sorted((x, y) -> Long.compare(x.sentNanos(), y.sentNanos()))
                .forEach(exchange -> tsv.append(millis(exchange.sentNanos() - trigger))
                        .append('\t')
                        .append(millis(exchange.doneNanos() - trigger))
                        .append('\t')
                        .append(exchange.client())
                        .append('\t')
                        .append(exchange.status())
                        .append('\t')
                        .append(exchange.connectionClose())
                        .append('\t')
                        .append(exchange.error() == null ? "" : exchange.error())
                        .append('\n'));
        Files.writeString(file, tsv, StandardCharsets.UTF_8);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}

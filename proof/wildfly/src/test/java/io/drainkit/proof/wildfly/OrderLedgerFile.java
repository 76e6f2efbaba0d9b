// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example's ledger as every instance appended to it, one line per processing of an order
 * ({@code id=17 instance=a1 redelivered=false deliveries=1}), and what it says against the orders accepted.
 *
 * @param processings every line, in order
 */
record OrderLedgerFile(List<Processing> processings) {

    private static final Pattern LINE =
            Pattern.compile("^id=(\\d+) instance=(\\S+) redelivered=(true|false) deliveries=(-?\\d+)$");

    /**
     * One processing of an order.
     *
     * @param id          the order
     * @param instance    the instance that processed it
     * @param redelivered its message's {@code JMSRedelivered}
     * @param deliveries  its {@code JMSXDeliveryCount}
     */
    record Processing(long id, String instance, boolean redelivered, int deliveries) {}

    /**
     * @param file the ledger (absent: nothing processed yet)
     * @return what it holds
     * @throws IOException if it cannot be read, or holds a line that is not a processing
     */
    static OrderLedgerFile read(Path file) throws IOException {
        List<Processing> processings = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher match = LINE.matcher(line);
                if (!match.matches()) {
                    throw new IOException("not a ledger line in " + file + ": " + line);
                }
                processings.add(new Processing(
                        Long.parseLong(match.group(1)),
                        match.group(2),
                        Boolean.parseBoolean(match.group(3)),
                        Integer.parseInt(match.group(4))));
            }
        }
        return new OrderLedgerFile(processings);
    }

    /** @return how many times each order was processed */
    Map<Long, Integer> timesProcessed() {
        Map<Long, Integer> times = new TreeMap<>();
        processings.forEach(processing -> times.merge(processing.id(), 1, Integer::sum));
        return times;
    }

    /** @return the accepted orders never processed */
    Set<Long> missing(Set<Long> accepted) {
        Set<Long> missing = new TreeSet<>(accepted);
        missing.removeAll(timesProcessed().keySet());
        return missing;
    }

    /** @return the orders processed more than once */
    Set<Long> duplicates() {
        Set<Long> duplicates = new TreeSet<>();
        timesProcessed().forEach((id, times) -> {
            if (times > 1) {
                duplicates.add(id);
            }
        });
        return duplicates;
    }

    /** @return the orders processed that were never accepted */
    Set<Long> unknown(Set<Long> accepted) {
        Set<Long> unknown = new TreeSet<>(timesProcessed().keySet());
        unknown.removeAll(accepted);
        return unknown;
    }

    /** @return the processings of a message delivered before ({@code JMSRedelivered}, or a delivery count over 1) */
    List<Processing> redelivered() {
        return processings.stream()
                .filter(processing -> processing.redelivered() || processing.deliveries() > 1)
                .toList();
    }

    /** @return how many orders each instance processed */
    Map<String, Long> byInstance() {
        Map<String, Long> counts = new TreeMap<>();
        processings.forEach(processing -> counts.merge(processing.instance(), 1L, Long::sum));
        return counts;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The table of a suite of rolling restarts, as the README quotes it: printed, and written to {@code figures.md}. */
public final class Figures {

    private Figures() {}

    /**
     * @param title     what the runs were, in a sentence
     * @param outcomes  the runs, in order
     * @param directory where {@code figures.md} goes
     * @throws IOException if it cannot be written
     */
    public static void write(String title, List<Outcome> outcomes, Path directory) throws IOException {
        if (outcomes.isEmpty()) {
            return;
        }
        StringBuilder table = new StringBuilder(title)
                .append(String.format(
                        Locale.ROOT,
                        " (%d keep-alive clients on GET"
                                + " %s, DRAINKIT_TIMEOUT=%ds, HAProxy checks every %d ms unless the run says otherwise, fall %d,"
                                + " rise 1, retries 0, no redispatch, no client retries)%n%n",
                        RollingRestart.CLIENTS,
                        RollingRestart.WORK,
                        RollingRestart.TIMEOUT.toSeconds(),
                        Scenario.Propagation.FAST.checkInterval().toMillis(),
                        RollingRestart.CHECK_FALL))
                .append(Outcome.header())
                .append('\n');
        outcomes.forEach(outcome -> table.append(outcome.row()).append('\n'));
        table.append(String.format(
                Locale.ROOT,
                "%nTimes are from the trigger (the preStop call, or SIGTERM); total" + " %.0f s for %d runs.%n",
                outcomes.stream().mapToDouble(Outcome::seconds).sum(),
                outcomes.size()));
        System.out.println(table);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("figures.md"), table, StandardCharsets.UTF_8);
    }
}

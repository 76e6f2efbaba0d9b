package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;

/** The messages as an operator reads them: formatted by the logging system, parameters and punctuation intact. */
class DrainMessagesTest {

    /**
     * Verifies that the deadline's summary keeps its apostrophe ("the pod's terminationGracePeriodSeconds"): in a
     * message with parameters a single quote starts a quoted section, and the word went missing.
     */
    @Test
    void theDeadlinesSummaryReadsAsWritten() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Formatter formatter = new SimpleFormatter();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(formatter.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger drainKit = Logger.getLogger("io.drainkit");
        drainKit.addHandler(capture);
        try {
            DrainMessages.drainCompleted(new DrainReport(DrainTrigger.PRESTOP, Instant.now(), Duration.ofSeconds(25),
                    Duration.ofSeconds(10), 7, 2, true, List.of(), List.of(), List.of()));
        } finally {
            drainKit.removeHandler(capture);
        }
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("DRAINKIT-0003 Drain ended at the deadline")
                .contains("2 still in flight and cut", "raise drainkit.timeout (and the pod's"
                        + " terminationGracePeriodSeconds) or make them end sooner"));
    }
}

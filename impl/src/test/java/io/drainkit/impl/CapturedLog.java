// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The lines DrainKit logs while it is open, formatted as a log file shows them:
 * {@code try (CapturedLog log = CapturedLog.start()) { ... }}, then {@link #lines()}.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger drainKit = Logger.getLogger("io.drainkit");
    private final Formatter formatter = new SimpleFormatter();
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog() {
        drainKit.addHandler(this);
    }

    /** @return a capture of the {@code io.drainkit} logger, until closed */
    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** @return the lines logged so far, their parameters filled in */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * @param messageId a message id ("DRAINKIT-0007")
     * @return the lines logged so far with that id
     */
    public List<String> linesWith(String messageId) {
        return lines.stream().filter(line -> line.startsWith(messageId + " ")).toList();
    }

    @Override
    public void publish(LogRecord logRecord) {
        lines.add(formatter.formatMessage(logRecord));
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        drainKit.removeHandler(this);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;

/**
 * Where the drain's start and summary lines go when the server's log can no longer take them: the JVM's standard
 * error, the console (the container's log).
 *
 * <p>{@code System.Logger} is backed by {@code java.util.logging} unless something else was installed, and the
 * JDK's {@code LogManager} resets {@code java.util.logging} in a shutdown hook of its own: on SIGTERM it removes and
 * closes every handler at once, in parallel with the server's own stop, which is when the container-shutdown drain
 * runs. Payara Server's {@code server.log} and console handlers are gone before its stop reaches the application, so
 * neither Payara's stop nor the drain would leave a line anywhere. This class notices exactly that case (the JVM is
 * stopping, {@code System.Logger} is {@code java.util.logging}'s and its root logger has no handler left) and then
 * writes the line to the process's standard error itself, past {@code System.err}, which servers redirect into their
 * closed log. In every other case it writes nothing: the log has the line.
 *
 * <p>Thread-safe; costs nothing on the request path (it is asked only for the few lines of a drain).
 */
final class ShutdownConsole {

    /** Not closed: it is the process's own standard error, which outlives DrainKit. */
    private static final PrintStream STDERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);

    private ShutdownConsole() {}

    /**
     * Writes the line to standard error if the log just dropped it.
     *
     * @param logger the logger the line was logged to
     * @param format the message, with {@code {0}}-style parameters, as given to the logger
     */
    static void echoIfLost(System.Logger logger, Level level, String format, Object... parameters) {
        if (logger.isLoggable(level) && julWasReset() && JvmShutdown.inProgress()) {
            STDERR.println(logger.getName() + " " + level.getName() + ": " + MessageFormat.format(format, parameters)
                    + " (written to standard error: the JVM is stopping and java.util.logging's handlers are closed)");
        }
    }

    private static boolean julWasReset() {
        // The JDK's own System.LoggerFinder lives in java.logging; any other one (SLF4J's, Log4j's) logs elsewhere.
        Module finder = System.LoggerFinder.getLoggerFinder().getClass().getModule();
        return "java.logging".equals(finder.getName())
                && java.util.logging.Logger.getLogger("").getHandlers().length == 0;
    }
}

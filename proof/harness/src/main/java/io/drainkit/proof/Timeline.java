// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an end-to-end test saw, with times relative to its time zero (the trigger, or the stop): printed as it happens
 * (into the failsafe report's output) and written to a file at the end, the figures an example's README quotes.
 *
 * <p>Thread-safe: events come from the clients, the test thread and the server's output-reading thread.
 */
public final class Timeline {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final Pattern serverEvents;
    private final Pattern serverPrefix;
    private final PrintStream out;
    private final List<String> lines = new ArrayList<>();
    private volatile long zero = System.nanoTime();

    /**
     * @param serverEvents the server's output lines worth showing (DrainKit's, the server's own stop lines)
     * @param serverPrefix what to cut from the start of such a line (its timestamp, level and thread)
     */
    public Timeline(Pattern serverEvents, Pattern serverPrefix) {
        this(serverEvents, serverPrefix, System.out);
    }

    /**
     * @param serverEvents the server's output lines worth showing (DrainKit's, the server's own stop lines)
     * @param serverPrefix what to cut from the start of such a line (its timestamp, level and thread)
     * @param out          where the lines are printed as they come
     */
    public Timeline(Pattern serverEvents, Pattern serverPrefix, PrintStream out) {
        this.serverEvents = serverEvents;
        this.serverPrefix = serverPrefix;
        this.out = out;
    }

    /**
     * Time zero is now.
     *
     * @param what what happens at time zero
     * @return time zero, a {@code System.nanoTime()} value
     */
    public synchronized long start(String what) {
        zero = System.nanoTime();
        event(zero, "test", what);
        return zero;
    }

    /** Prints one figure of a run: its name, aligned, and its value. */
    public void figure(String name, Object value) {
        line(String.format(Locale.ROOT, "  %-34s %s", name + ":", value));
    }

    /** Prints a line as it is, without a time. */
    public synchronized void line(String text) {
        lines.add(text);
        out.println(text);
    }

    public void event(String source, String text) {
        event(System.nanoTime(), source, text);
    }

    public synchronized void event(long nanos, String source, String text) {
        line(String.format(Locale.ROOT, "  %+8.3f s %-7s %s", seconds(nanos), source, text));
    }

    /** Shows a line of the server's output if it is one of the server events, without its prefix; for {@code onLine}. */
    public void serverLine(String line) {
        if (serverEvents.matcher(line).find()) {
            String message = serverPrefix
                    .matcher(ANSI.matcher(line).replaceAll(""))
                    .replaceFirst("")
                    .strip();
            event("server", message.length() > 160 ? message.substring(0, 160) + " ..." : message);
        }
    }

    /** @return seconds from time zero to {@code nanos} */
    public double seconds(long nanos) {
        return (nanos - zero) / 1e9;
    }

    /** Writes every line so far to {@code file}. */
    public synchronized void writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}

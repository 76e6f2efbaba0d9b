package io.drainkit.example.wildfly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What an end-to-end test saw, with times relative to its time zero (the trigger, or the SIGTERM): printed as it
 * happens (into the failsafe report's output) and written to a file at the end, the figures the README quotes.
 * Thread-safe: events come from the clients, the test thread and the server's output.
 */
final class Timeline {

    /** The server's log lines worth showing: DrainKit's, and WildFly's suspend, undeploy and stop. */
    static final Pattern SERVER_EVENTS = Pattern.compile(
            "DRAINKIT-\\d+|WFLYSRV0272|WFLYSRV0220|WFLYSRV0211|WFLYUT0022|WFLYUT0008|WFLYUT0007|WFLYSRV0028|WFLYSRV0050");

    private final List<String> lines = new ArrayList<>();
    private volatile long zero = System.nanoTime();

    /** Time zero is now. */
    synchronized void start(String what) {
        zero = System.nanoTime();
        event(zero, "test", what);
    }

    synchronized void line(String text) {
        lines.add(text);
        System.out.println(text);
    }

    void event(String source, String text) {
        event(System.nanoTime(), source, text);
    }

    synchronized void event(long nanos, String source, String text) {
        line(String.format(Locale.ROOT, "  %+8.3f s %-7s %s", seconds(nanos), source, text));
    }

    /** Shows a server log line if it is one of {@link #SERVER_EVENTS}, without its timestamp and thread. */
    void serverLine(String line) {
        if (SERVER_EVENTS.matcher(line).find()) {
            String message = line.replaceAll("\u001B\\[[0-9;]*m", "").replaceFirst("^[\\d:,]+\\s+\\w+\\s+\\[[^]]+]\\s+\\([^)]*\\)\\s+", "");
            event("server", message.length() > 160 ? message.substring(0, 160) + " ..." : message);
        }
    }

    /** @return seconds from time zero to {@code nanos} */
    double seconds(long nanos) {
        return (nanos - zero) / 1e9;
    }

    /** Writes every line so far to {@code file}. */
    synchronized void writeTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}

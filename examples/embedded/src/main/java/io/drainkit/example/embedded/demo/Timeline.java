package io.drainkit.example.embedded.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What the demo prints: setup lines, then events with their time relative to the trigger, printed as they happen.
 * Thread-safe: events come from the clients, the readiness poller and the server's output.
 */
final class Timeline {

    private final PrintStream out;
    private volatile long zero;
    private volatile boolean started;

    Timeline(PrintStream out) {
        this.out = out;
    }

    synchronized void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Time zero: the trigger. */
    synchronized void start() {
        zero = System.nanoTime();
        started = true;
        out.printf(Locale.ROOT, "%n  %-10s %-7s %s%n", "time", "source", "event");
    }

    boolean isStarted() {
        return started;
    }

    long zeroNanos() {
        return zero;
    }

    void event(String source, String text) {
        event(System.nanoTime(), source, text);
    }

    synchronized void event(long nanos, String source, String text) {
        if (!started) {
            line(String.format(Locale.ROOT, "  %-10s %-7s %s", "setup", source, text));
            return;
        }
        out.printf(Locale.ROOT, "  %+8.3f s %-7s %s%n", seconds(nanos), source, text);
        out.flush();
    }

    /** @return seconds from the trigger to {@code nanos} */
    double seconds(long nanos) {
        return (nanos - zero) / 1e9;
    }
}

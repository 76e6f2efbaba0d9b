package io.drainkit.example.liberty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What happened when, relative to a zero point (the trigger), from the test's and the server's side, printed at
 * the end of a test (into failsafe's report) and written next to the server's log. Thread-safe.
 */
final class Timeline {

    private record Event(long nanos, String source, String text) {
    }

    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
    private final List<String> figures = new ArrayList<>();
    private volatile long zeroNanos = System.nanoTime();

    /** Makes now the zero point. */
    long zero() {
        zeroNanos = System.nanoTime();
        return zeroNanos;
    }

    long zeroNanos() {
        return zeroNanos;
    }

    void event(String source, String text) {
        event(System.nanoTime(), source, text);
    }

    void event(long nanos, String source, String text) {
        events.add(new Event(nanos, source, text));
    }

    /** @return seconds from the zero point to {@code nanos} */
    double seconds(long nanos) {
        return (nanos - zeroNanos) / 1e9;
    }

    /** A result line, printed after the events. */
    void figure(String name, Object value) {
        figures.add(String.format("  %-34s %s", name + ":", value));
    }

    /** Prints the timeline and the figures to stdout and to {@code file}. */
    void write(String title, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(title);
        lines.add("    time     source  event");
        events.stream().sorted(Comparator.comparingLong(Event::nanos)).forEach(e -> lines.add(
                String.format("  %+8.3f s %-7s %s", seconds(e.nanos()), e.source(), e.text())));
        lines.add("Result");
        lines.addAll(figures);
        lines.forEach(System.out::println);
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}

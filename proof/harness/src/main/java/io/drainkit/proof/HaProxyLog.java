// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What HAProxy's log says, line by line as {@link HaProxy} reads it: which server got each connection or request (the
 * {@value HaProxy#TRAFFIC} lines {@link HaProxyConfig} asks for), and when a server was marked UP or DOWN.
 *
 * <p>Thread-safe: written on the process's output thread, read by the test.
 */
public final class HaProxyLog {

    private static final Pattern TRAFFIC_LINE =
            Pattern.compile("^" + HaProxy.TRAFFIC + " server=(\\S+) status=(-?\\d+)");
    /** A health check's verdict, or a server put into maintenance ("is going DOWN for maintenance"). */
    private static final Pattern SERVER_STATE = Pattern.compile("^Server be/(\\S+) is (?:going )?(UP|DOWN)");

    private final Map<String, LongAdder> traffic = new ConcurrentHashMap<>();
    private final List<StateChange> stateChanges = new CopyOnWriteArrayList<>();

    /**
     * HAProxy marked a server UP or DOWN.
     *
     * @param server its name
     * @param up     UP or DOWN
     * @param nanos  when the line was read ({@link System#nanoTime()})
     */
    public record StateChange(String server, boolean up, long nanos) {}

    HaProxyLog() {}

    /**
     * @param server a server's name
     * @return the connections (tcp) or requests (http) HAProxy has sent it so far
     */
    public long traffic(String server) {
        LongAdder count = traffic.get(server);
        return count == null ? 0 : count.sum();
    }

    /**
     * @param server a server's name
     * @param since  a {@link System#nanoTime()}
     * @return when HAProxy first marked it DOWN at or after {@code since}, if it did
     */
    public OptionalLong downAfter(String server, long since) {
        return changeAfter(server, false, since);
    }

    /**
     * @param server a server's name
     * @param since  a {@link System#nanoTime()}
     * @return when HAProxy first marked it UP at or after {@code since}, if it did
     */
    public OptionalLong upAfter(String server, long since) {
        return changeAfter(server, true, since);
    }

    /** @return every time HAProxy marked a server UP or DOWN, in order */
    public List<StateChange> stateChanges() {
        return List.copyOf(stateChanges);
    }

    /** @param line a line of HAProxy's output, as it was read */
    void record(String line) {
        Matcher match = TRAFFIC_LINE.matcher(line);
        if (match.find()) {
            traffic.computeIfAbsent(match.group(1), server -> new LongAdder()).increment();
            return;
        }
        match = SERVER_STATE.matcher(line);
        if (match.find()) {
            stateChanges.add(new StateChange(match.group(1), match.group(2).equals("UP"), System.nanoTime()));
        }
    }

    private OptionalLong changeAfter(String server, boolean up, long since) {
        return stateChanges.stream()
                .filter(change -> change.server().equals(server) && change.up() == up && change.nanos() - since >= 0)
                .mapToLong(StateChange::nanos)
                .findFirst();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.payara;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The lines a Payara Micro JVM prints while the adapter deploys to it. The adapter copies that output line by line
 * to {@code System.out} (its {@code consoleOutput} setting) and keeps no accessible copy, so this stream stands in
 * for {@code System.out} during the deploy: it passes every line on and keeps it.
 *
 * <p>Thread-safe: the adapter prints from a reader thread of its own.
 */
final class MicroOutput extends PrintStream {

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[;\\d]*m");
    /** Payara's log format: {@code [time] [] [SEVERE] [id] [logger] [tid: ...] [timeMillis: ...] [levelValue: 1000] message}. */
    private static final Pattern SEVERE = Pattern.compile("\\[SEVERE\\].*\\[levelValue: \\d+\\] (.+)$");
    /** The last line of a boot, printed after the deployment summary, also when nothing could be deployed. */
    private static final Pattern READY = Pattern.compile("Payara Micro .* ready in [\\d,]+ \\(ms\\)");

    private final PrintStream original;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private MicroOutput(PrintStream original) {
        super(original, true);
        this.original = original;
    }

    /** @return a capture that is now {@code System.out} */
    static MicroOutput capture() {
        MicroOutput capture = new MicroOutput(System.out);
        System.setOut(capture);
        return capture;
    }

    /** Puts the previous {@code System.out} back; lines printed later still pass through, uncaptured. */
    void release() {
        if (System.out == this) {
            System.setOut(original);
        }
    }

    @Override
    public void println(String line) {
        lines.add(line);
        if (READY.matcher(line).find()) {
            ready.countDown();
        }
        super.println(line);
    }

    /**
     * Waits for the end of the boot: the adapter returns as soon as the deployment summary has begun, and its copy of
     * the output may end in the middle of it.
     *
     * @return {@code false} if the boot did not end in time
     */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return whether Payara Micro's deployment summary lists an application at this context root */
    boolean lists(String contextRoot) {
        String summaryEntry = "\"Context Root\": \"" + contextRoot + "\"";
        return lines.stream().anyMatch(line -> line.contains(summaryEntry));
    }

    /** @return the messages of the {@code SEVERE} records printed so far, one per line */
    String severeMessages() {
        return lines.stream()
                .map(line -> ANSI.matcher(line).replaceAll(""))
                .map(SEVERE::matcher)
                .filter(Matcher::find)
                .map(match -> match.group(1).strip())
                .filter(message -> !message.equals("[[")) // a multi-line record's first line: its text follows
                .distinct()
                .collect(Collectors.joining("\n"));
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A server as a child process (an example application, an application server, a load balancer): its stdout and
 * stderr merged, copied to a log file and handed to listeners line by line. Stopped with {@link #sigterm()};
 * {@link #close()} kills it, and every process it started, if still running, so that no server outlives the demo
 * or test that started it.
 *
 * <p>Launcher scripts (WildFly's {@code standalone.sh}) start the server's JVM as a child of their own and may not
 * relay signals to it: {@link #descendant(Predicate)} finds that JVM, to signal it and watch it exit.
 *
 * <p>Thread-safe: output is read on a thread of its own; listeners are called on that thread.
 */
public final class ServerProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ServerProcess(Process process, Path logFile) throws IOException {
        this.process = process;
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.reader = new Thread(() -> copyOutput(log), "server-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a server.
     *
     * @param command     its command line
     * @param environment what to set in its environment; inherited {@code DRAINKIT_*}, {@code PORT},
     *                    {@code HOST} and {@code METRICS_PORT} variables are removed first so that only these
     *                    settings count
     * @param logFile     where its output goes, overwritten
     * @return the running process
     * @throws IOException if it cannot be started
     */
    public static ServerProcess start(List<String> command, Map<String, String> environment, Path logFile)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .keySet()
                .removeIf(key -> key.startsWith("DRAINKIT_")
                        || key.equals("PORT")
                        || key.equals("HOST")
                        || key.equals("METRICS_PORT"));
        builder.environment().putAll(environment);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        return new ServerProcess(builder.start(), logFile);
    }

    /**
     * Waits for a line of output that matches, such as the server's "listening on" or "started" line.
     *
     * @param pattern what to look for; its first group, if it has one, is what is returned
     * @param timeout how long at most
     * @return the first group of the first matching line, or the whole match
     * @throws IllegalStateException if the process exited or printed no such line in time, with the end of its
     *                               output
     * @throws InterruptedException  if interrupted while waiting
     */
    public String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        CompletableFuture<String> found = new CompletableFuture<>();
        Consumer<String> matcher = line -> {
            Matcher match = pattern.matcher(line);
            if (match.find()) {
                found.complete(match.groupCount() > 0 ? match.group(1) : match.group());
            }
        };
        listeners.add(matcher);
        try {
            output().forEach(matcher);
            long end = System.nanoTime() + timeout.toNanos();
            while (!found.isDone() && System.nanoTime() < end && (process.isAlive() || reader.isAlive())) {
                try {
                    return found.get(
                            Math.min(200, Math.max(1, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
                } catch (TimeoutException notYet) {
                    // look again, unless the process is gone
                }
            }
            if (found.isDone()) {
                return found.getNow(null);
            }
            throw new IllegalStateException("no line matching '" + pattern + "' within " + timeout.toSeconds()
                    + " s" + (process.isAlive() ? "" : " (the process exited with " + process.exitValue() + ")")
                    + "; the end of its output:\n  " + String.join("\n  ", tail()));
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            listeners.remove(matcher);
        }
    }

    /** @param listener told each line the server prints from now on, on the output-reading thread */
    public void onLine(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** @return every line the server printed so far */
    public List<String> output() {
        return List.copyOf(output);
    }

    /** @return the last lines the server printed, for failure messages */
    public List<String> tail() {
        List<String> all = output();
        return all.subList(Math.max(0, all.size() - TAIL_LINES), all.size());
    }

    /** @return the child's process id */
    public long pid() {
        return process.pid();
    }

    /**
     * A process the server's command started, directly or not, such as the JVM a launcher script forks.
     *
     * @param commandLine what its command line (as the operating system reports it) must satisfy
     * @return the first such process still running, or empty
     */
    public Optional<ProcessHandle> descendant(Predicate<String> commandLine) {
        return process.descendants()
                .filter(ProcessHandle::isAlive)
                .filter(handle ->
                        handle.info().commandLine().filter(commandLine).isPresent())
                .findFirst();
    }

    /** @return {@code true} while the child runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends SIGTERM, as Kubernetes does after the preStop hook. Through {@link ProcessHandle#destroy()}, not
     * {@link Process#destroy()}: both send SIGTERM on Linux and macOS, but the latter also closes the pipes, and the
     * server's shutdown log would be lost.
     */
    public void sigterm() {
        process.toHandle().destroy();
    }

    /**
     * Waits for the server to exit and for its output to be read to the end.
     *
     * @param timeout how long at most
     * @return its exit status, or empty if it still runs
     * @throws InterruptedException if interrupted while waiting
     */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.empty();
        }
        reader.join(TimeUnit.SECONDS.toMillis(5));
        return OptionalInt.of(process.exitValue());
    }

    /** Kills the server and every process it started, if they still run (SIGKILL), and waits for them. */
    @Override
    public void close() {
        // Descendants first: a launcher script killed alone leaves its server JVM running, as an orphan.
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        descendants.forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            for (ProcessHandle descendant : descendants) {
                descendant.onExit().get(10, TimeUnit.SECONDS);
            }
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException stillRunning) {
            // Reported by the test that finds it still running; nothing more can be done here.
        }
    }

    private void copyOutput(BufferedWriter log) {
        try (log;
                BufferedReader lines =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                log.write(line);
                log.newLine();
                log.flush();
                for (Consumer<String> listener : listeners) {
                    listener.accept(line);
                }
            }
        } catch (IOException | UncheckedIOException closed) {
            // The process ended or was killed; what was read is kept.
        }
    }
}

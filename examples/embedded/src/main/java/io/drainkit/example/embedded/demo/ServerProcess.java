package io.drainkit.example.embedded.demo;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.drainkit.example.embedded.EmbeddedServer;

/**
 * The example server as a child JVM: its stdout and stderr merged, copied to a log file and handed to listeners
 * line by line. Stopped with {@link #sigterm()}; {@link #close()} kills it if it is still running, so that no
 * server outlives the demo or test that started it.
 *
 * <p>Thread-safe: output is read on a thread of its own; listeners are called on that thread.
 */
public final class ServerProcess implements AutoCloseable {

    /** The system property that names the packaged jar; the module's integration tests set it. */
    public static final String JAR_PROPERTY = "drainkit.example.jar";

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
    private static final int TAIL_LINES = 40;

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<URI> listening = new CompletableFuture<>();
    private final Thread reader;

    private ServerProcess(Process process, Path logFile) throws IOException {
        this.process = process;
        BufferedWriter log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.reader = new Thread(() -> copyOutput(log), "server-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts the server.
     *
     * @param args        its command line: the port ({@code "0"} for a free one)
     * @param environment what to set in its environment; inherited {@code DRAINKIT_*}, {@code PORT} and
     *                    {@code HOST} variables are removed first so that only these settings count
     * @param logFile     where its output goes, overwritten
     * @return the running process
     * @throws IOException if it cannot be started
     */
    public static ServerProcess start(List<String> args, Map<String, String> environment, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("DRAINKIT_") || key.equals("PORT")
                || key.equals("HOST"));
        builder.environment().putAll(environment);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        return new ServerProcess(builder.start(), logFile);
    }

    /**
     * How to run the server: {@code java -jar} the packaged jar, named by {@value #JAR_PROPERTY} or found as the jar
     * this class was loaded from; else {@code java -cp} this JVM's class path (from an IDE, or
     * {@code target/classes}).
     *
     * @return the command without the server's own arguments
     */
    public static List<String> javaCommand() {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = packagedJar();
        if (jar != null) {
            return List.of(java, "-jar", jar.toString());
        }
        return List.of(java, "-cp", System.getProperty("java.class.path"), EmbeddedServer.class.getName());
    }

    private static Path packagedJar() {
        String named = System.getProperty(JAR_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Paths.get(named);
        }
        try {
            Path own = Paths.get(EmbeddedServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return own.toString().endsWith(".jar") && Files.isRegularFile(own) ? own : null;
        } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
            return null;
        }
    }

    /**
     * Waits for the server's "listening on" line.
     *
     * @param timeout how long at most
     * @return the server's base URI, such as {@code http://127.0.0.1:40123}
     * @throws IllegalStateException if it exited or did not say so in time, with the end of its output
     * @throws InterruptedException  if interrupted while waiting
     */
    public URI awaitListening(Duration timeout) throws InterruptedException {
        try {
            return listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException notListening) {
            throw new IllegalStateException("the server did not start within " + timeout.toSeconds() + " s"
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")")
                    + "; the end of its output:\n  " + String.join("\n  ", tail()), notListening);
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

    /** Kills the server if it still runs (SIGKILL) and waits for it. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void copyOutput(BufferedWriter log) {
        try (log; BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                log.write(line);
                log.newLine();
                log.flush();
                Matcher listeningOn = LISTENING.matcher(line);
                if (!listening.isDone() && listeningOn.find()) {
                    listening.complete(URI.create(listeningOn.group(1)));
                }
                for (Consumer<String> listener : listeners) {
                    listener.accept(line);
                }
            }
        } catch (IOException | UncheckedIOException closed) {
            // The process ended or was killed; what was read is kept.
        } finally {
            listening.completeExceptionally(new IllegalStateException("the server's output ended"));
        }
    }
}

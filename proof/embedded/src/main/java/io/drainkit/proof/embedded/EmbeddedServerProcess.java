// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.drainkit.proof.ServerProcess;

/** How to start the embedded example as a child JVM, and to know when it listens. */
public final class EmbeddedServerProcess {

    /** The system property that names the packaged jar; the module's integration tests set it. */
    public static final String JAR_PROPERTY = "drainkit.example.jar";

    /** The environment variable with the port of the example's Prometheus endpoint ({@code off}: none). */
    public static final String METRICS_PORT = "METRICS_PORT";

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private EmbeddedServerProcess() {}

    /**
     * Starts the example server.
     *
     * @param args        its command line: the port ({@code "0"} for a free one)
     * @param environment its DrainKit settings ({@code DRAINKIT_*}); inherited ones are removed. Without
     *                    {@code METRICS_PORT} the metrics endpoint is off: its default port would be taken by the
     *                    first of several servers
     * @param logFile     where its output goes
     * @return the running server
     * @throws IOException if it cannot be started
     */
    public static ServerProcess start(List<String> args, Map<String, String> environment, Path logFile)
            throws IOException {
        return start(javaCommand(), args, environment, logFile);
    }

    /**
     * Starts the example server with another {@code java} command ({@link #javaCommandWithout(String, Path)}).
     *
     * @param javaCommand how to run it, without its own arguments
     * @param args        its command line: the port ({@code "0"} for a free one)
     * @param environment its DrainKit settings ({@code DRAINKIT_*}); inherited ones are removed
     * @param logFile     where its output goes
     * @return the running server
     * @throws IOException if it cannot be started
     */
    public static ServerProcess start(
            List<String> javaCommand, List<String> args, Map<String, String> environment, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>(javaCommand);
        command.addAll(args);
        Map<String, String> settings = new HashMap<>(environment);
        settings.putIfAbsent(METRICS_PORT, "off");
        return ServerProcess.start(command, settings, logFile);
    }

    /**
     * Waits for the server's "listening on" line.
     *
     * @param server  the server
     * @param timeout how long at most
     * @return its base URI, such as {@code http://127.0.0.1:40123}
     * @throws InterruptedException if interrupted while waiting
     */
    public static URI awaitListening(ServerProcess server, Duration timeout) throws InterruptedException {
        return URI.create(server.awaitLine(LISTENING, timeout));
    }

    /**
     * How to run the server: {@code java -jar} the example's packaged jar, named by {@value #JAR_PROPERTY} (the
     * build sets it), else {@code examples/embedded/target/drainkit-example-embedded.jar} from the working directory
     * (the repository's root, where {@code proof/demo.sh} runs).
     *
     * @return the command without the server's own arguments
     */
    public static List<String> javaCommand() {
        return javaCommand(packagedJar());
    }

    /**
     * How to run the server without one of its libraries: {@code java -jar} a copy of the packaged example's jar, next
     * to a {@code lib/} of links that lacks the jars whose names start with {@code library} (the JVM skips a missing
     * {@code Class-Path} entry of the manifest; a link to the jar would be followed back to the full {@code lib/}).
     *
     * @param library the start of the file names to leave out, such as {@code drainkit-jetty-}
     * @param copy    an empty directory for the copy
     * @return the command without the server's own arguments
     * @throws IOException if the copy cannot be made
     */
    public static List<String> javaCommandWithout(String library, Path copy) throws IOException {
        Path jar = packagedJar().toAbsolutePath();
        Path lib = Files.createDirectories(copy.resolve("lib"));
        try (DirectoryStream<Path> libraries = Files.newDirectoryStream(jar.resolveSibling("lib"))) {
            for (Path kept : libraries) {
                if (!kept.getFileName().toString().startsWith(library)) {
                    Files.createSymbolicLink(lib.resolve(kept.getFileName()), kept);
                }
            }
        }
        return javaCommand(Files.copy(jar, copy.resolve(jar.getFileName())));
    }

    private static List<String> javaCommand(Path jar) {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-jar", jar.toString());
    }

    private static Path packagedJar() {
        String named = System.getProperty(JAR_PROPERTY, "");
        Path jar = named.isBlank()
                ? Paths.get("examples", "embedded", "target", "drainkit-example-embedded.jar")
                : Paths.get(named);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the embedded example is not packaged: " + jar.toAbsolutePath()
                    + " is missing (./mvnw -pl examples/embedded -am package)");
        }
        return jar;
    }
}

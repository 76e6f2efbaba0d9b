// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A program that an end-to-end test needs from the machine, such as {@code haproxy}: found on {@code PATH}, or, when
 * it is missing and this JVM runs as root (a CI container), installed from its Debian package with
 * {@code apt-get}. Anywhere else a missing program fails the test with the exact command that installs it: a test
 * that skips itself proves nothing.
 */
public final class RequiredCommand {

    /** Each apt-get step at most; a stuck mirror must not hold the build for ever. */
    private static final Duration APT_TIMEOUT = Duration.ofMinutes(5);
    /** How long apt-get waits for another apt-get (or dpkg) to release its lock. */
    private static final int APT_LOCK_WAIT_SECONDS = 120;

    private RequiredCommand() {}

    /**
     * Finds {@code command}, installing {@code debianPackage} first if it is missing and this JVM runs as root.
     *
     * @param command       the program's name, as on {@code PATH}
     * @param debianPackage the Debian package that provides it
     * @param logDirectory  where apt-get's output goes, if it runs
     * @return the program's path
     * @throws IllegalStateException if it is missing and cannot be installed here, with the command to run
     * @throws IOException           if apt-get cannot be started
     * @throws InterruptedException  if interrupted while apt-get runs
     */
    public static Path ensure(String command, String debianPackage, Path logDirectory)
            throws IOException, InterruptedException {
        Optional<Path> found = onPath(command);
        if (found.isPresent()) {
            return found.get();
        }
        String install = "apt-get update && apt-get install -y " + debianPackage;
        if (!"root".equals(System.getProperty("user.name")) || onPath("apt-get").isEmpty()) {
            throw new IllegalStateException("'" + command + "' is not on PATH and this test cannot install it here"
                    + " (it installs it only as root on Debian/Ubuntu). Install it, then run the build again: sudo sh"
                    + " -c '" + install + "' (Debian/Ubuntu), or your system's " + debianPackage + " package");
        }
        // Postinst scripts must not ask questions; with no TTY they would wait for ever.
        Map<String, String> environment = Map.of("DEBIAN_FRONTEND", "noninteractive");
        String lockWait = "DPkg::Lock::Timeout=" + APT_LOCK_WAIT_SECONDS;
        run(
                List.of("apt-get", "-o", lockWait, "update", "-q"),
                environment,
                logDirectory.resolve("apt-get-update.log"));
        run(
                List.of("apt-get", "-o", lockWait, "install", "-y", "-q", debianPackage),
                environment,
                logDirectory.resolve("apt-get-install-" + debianPackage + ".log"));
        return onPath(command)
                .orElseThrow(() -> new IllegalStateException("'" + install + "' succeeded, but '" + command
                        + "' is still not on PATH (" + System.getenv("PATH") + ")"));
    }

    /**
     * @param command a program's name
     * @return its path, if an executable of that name is in a {@code PATH} directory
     */
    public static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Paths.get(directory, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        try (ServerProcess process = ServerProcess.start(command, environment, log)) {
            OptionalInt exit = process.awaitExit(APT_TIMEOUT);
            if (exit.isEmpty() || exit.getAsInt() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' "
                        + (exit.isEmpty()
                                ? "did not finish within " + APT_TIMEOUT.toMinutes() + " min"
                                : "failed with exit status " + exit.getAsInt())
                        + " (whole output in " + log + "); its last lines:\n  " + String.join("\n  ", process.tail()));
            }
        }
    }
}

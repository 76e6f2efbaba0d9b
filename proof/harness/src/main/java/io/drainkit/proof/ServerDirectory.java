// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A server's own directory for one test (a copy of a domain, of a {@code standalone/} base): made fresh, so that no
 * test sees what an earlier run deployed, logged or configured.
 */
public final class ServerDirectory {

    private ServerDirectory() {}

    /**
     * Deletes {@code directory}, if it exists, with everything in it.
     *
     * @throws IOException if something cannot be deleted
     */
    public static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /**
     * Copies the tree {@code from} to {@code to}, which must not exist yet, keeping the files' attributes (scripts stay
     * executable).
     *
     * @throws IOException if something cannot be copied
     */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import sun.misc.Signal;

/**
 * A JVM ended by SIGTERM exits with status 143 even when its shutdown hooks ran well. Handling SIGTERM with
 * {@code System.exit(0)} runs the very same hooks and reports a clean shutdown as 0; the example's hook halts
 * with 1 when its shutdown was not clean.
 *
 * <p>{@code sun.misc.Signal} lives in {@code jdk.unsupported}, which JEP 260 keeps accessible for exactly this;
 * javac warns about it, and it is confined to this class.
 */
final class SigtermExit {

    private SigtermExit() {}

    static void reportCleanShutdownAsZero(Logger log) {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError unavailable) {
            log.log(
                    Level.WARNING,
                    "SIGTERM cannot be handled here (" + unavailable
                            + "); it still drains, but the exit status will be 143");
        }
    }
}

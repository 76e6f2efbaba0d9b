// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

/** Whether the JVM is stopping: the difference between a server's stop and the undeploy of one application. */
final class JvmShutdown {

    private static final Thread PROBE = new Thread(() -> {}, "drainkit-shutdown-probe");

    private JvmShutdown() {}

    /**
     * @return {@code true} once the JVM has begun to run its shutdown hooks (SIGTERM, {@code System.exit})
     */
    static boolean inProgress() {
        try {
            // The only portable question: the JVM refuses new shutdown hooks once shutdown has begun.
            Runtime.getRuntime().addShutdownHook(PROBE);
            Runtime.getRuntime().removeShutdownHook(PROBE);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        } catch (IllegalArgumentException alreadyAdded) {
            // Another thread is probing right now: the JVM accepted its hook, so it is not stopping.
            return false;
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

/**
 * What a server adapter ({@code drainkit-wildfly}, {@code drainkit-payara}) implements: it hooks the application's drain
 * into the server's own stop, at a point where the server still routes requests to the application, and calls
 * {@link ServerStopDrain#run(DrainCoordinator)} there, on the thread that stops the server, so that the stop goes on
 * only once the drain is over. Found with {@link java.util.ServiceLoader} in the application's class loader
 * ({@code META-INF/services/io.drainkit.impl.ServerStopHook}) when the application starts; not API: an adapter is
 * built with the {@code drainkit-impl} of its own version. {@code drainkit-jetty} is found the same way but hooks no
 * stop: its {@link #install(DrainCoordinator)} adds a {@link DrainListener} that acts while the drain runs.
 *
 * <p>An implementation's class refers to no server type in its signatures, so that loading it on another server (or an
 * older one) fails only in {@link #install(DrainCoordinator)}, with a {@link LinkageError}: DrainKit then logs
 * {@code DRAINKIT-0026} once and drains as without the adapter.
 */
public interface ServerStopHook {

    /** @return the adapter's name for the log, such as {@code drainkit-wildfly} */
    String name();

    /**
     * Hooks the drain into the server's stop. Called once per application start, on the thread that deploys it.
     *
     * @param coordinator the application's drain
     * @return what undoes it, run when the application is undeployed (the server's stop hook must not outlive it)
     * @throws Exception    if this server cannot be hooked (not the server the adapter is for, or too old)
     * @throws LinkageError if a class the adapter needs is missing
     */
    AutoCloseable install(DrainCoordinator coordinator) throws Exception;
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

/**
 * What started a drain. Reported in {@link DrainStarted} and {@link DrainReport}.
 *
 * @since 0.1
 */
public enum DrainTrigger {
    /** The {@code preStop} HTTP endpoint, called by Kubernetes' {@code lifecycle.preStop.httpGet}. */
    PRESTOP,
    /** The CDI container began to shut down ({@code @BeforeDestroyed(ApplicationScoped.class)}). */
    CONTAINER_SHUTDOWN,
    /** Application code called {@link Drain#start(DrainTrigger)}. */
    APPLICATION,
    /**
     * Another DrainKit application of the same server started its drain, and this application's
     * {@code drainkit.scope} is {@code server}: one drain covers them all.
     */
    PEER,
    /** An operator called the {@code start} operation of the application's DrainKit MBean. */
    JMX,
    /**
     * The server itself began to stop (SIGTERM, or its own stop command), and a DrainKit server adapter
     * ({@code drainkit-wildfly}, {@code drainkit-payara}) started the drain before the server stopped routing requests.
     *
     * @since 0.1
     */
    SERVER_STOP
}

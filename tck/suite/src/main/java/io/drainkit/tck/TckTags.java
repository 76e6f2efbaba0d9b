// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

/**
 * Tags that let a runtime leave out a group of scenarios its own behaviour cannot support. A runtime that
 * excludes one says why, with the runtime's issue number, next to the exclusion.
 *
 * @since 0.1
 */
public final class TckTags {

    /** Scenarios that undeploy an application and watch the container-shutdown drain. */
    public static final String CONTAINER_SHUTDOWN = "container-shutdown";

    /** Scenarios that expect a failed deployment to report DrainKit's message. */
    public static final String DEPLOYMENT_FAILURE = "deployment-failure";

    /**
     * Scenarios that deploy two applications to one server, next to each other, and expect one drain to cover both.
     */
    public static final String SEVERAL_APPLICATIONS = "several-applications";

    /**
     * Scenarios with an EJB (a timer callback of a {@code @Drained} singleton): a runtime without Jakarta Enterprise
     * Beans (embedded Jetty with Weld) leaves them out.
     */
    public static final String EJB = "ejb";

    /**
     * Scenarios with a task on the default {@code ManagedExecutorService} (Jakarta Concurrency): a runtime without it
     * (embedded Jetty with Weld) leaves them out.
     */
    public static final String CONCURRENCY = "concurrency";

    /**
     * Scenarios that open WebSocket sessions to the application: the runtime must serve Jakarta WebSocket (and, for the
     * test endpoint, inject into WebSocket endpoints).
     */
    public static final String WEBSOCKET = "websocket";

    private TckTags() {}
}

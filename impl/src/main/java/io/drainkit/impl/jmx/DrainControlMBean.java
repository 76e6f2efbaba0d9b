// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.jmx;

/**
 * One DrainKit application's drain in the platform MBeanServer, registered as
 * {@code io.drainkit:type=Drain,application="<context path>"}. It is how the DrainKit applications of one server, each
 * with its own copy of DrainKit (maybe of another version) and sharing no class, find each other and drain together,
 * and how operators watch a drain with the JMX tools they already use.
 *
 * <p><b>A stable interface, version {@value #INTERFACE_VERSION}.</b> Peers use only these attributes and operations,
 * by name and with JDK types, through {@code MBeanServer.getAttribute} and {@code invoke}, and listen for the
 * notification {@value #COMPLETED}. A later version may add attributes and operations; it never removes or changes
 * one of these, so that any two DrainKit versions on one server drain together.
 */
public interface DrainControlMBean {

    /** The version of this interface. */
    int INTERFACE_VERSION = 1;

    /** The domain and type of every DrainKit MBean: {@code io.drainkit:type=Drain,application=...}. */
    String OBJECT_NAME_PREFIX = "io.drainkit:type=Drain";

    /** The type of the notification sent when the application's drain has ended; its user data is the application. */
    String COMPLETED = "io.drainkit.drain.completed";

    /** @return {@value #INTERFACE_VERSION} */
    int getInterfaceVersion();

    /** @return the application: its context path, {@code ""} for the root context */
    String getApplication();

    /** @return {@code SERVING}, {@code DRAINING} or {@code DRAINED} */
    String getState();

    /** @return {@code server} if the application drains with every other {@code server} one, else {@code application} */
    String getScope();

    /** @return the requests in flight now */
    int getInFlight();

    /** @return the requests completed since the drain's trigger (0 while serving) */
    long getServedWhileDraining();

    /** @return the requests cut at the deadline, once drained (0 before) */
    int getCutAtDeadline();

    /** @return {@code drainkit.delay} in milliseconds */
    long getDelayMillis();

    /** @return {@code drainkit.timeout} in milliseconds */
    long getTimeoutMillis();

    /** @return the report of the drain as JSON, as the preStop endpoint answers it; {@code ""} before it ended */
    String getLastReport();

    /** Starts the drain (of every {@code server} application, if this one's scope is {@code server}); returns at once. */
    void start();

    /**
     * Starts this application's drain with the timing the application that started first chose, or joins its drain
     * if one runs; starts no other application. Returns at once; {@value #COMPLETED} follows when it has ended.
     *
     * @param trigger     what started it, a {@code io.drainkit.DrainTrigger} name
     * @param startNanos  the trigger, on {@link System#nanoTime()}
     * @param delayMillis the shared delay
     * @param timeoutMillis the shared deadline, from the trigger
     */
    void join(String trigger, long startNanos, long delayMillis, long timeoutMillis);
}

/**
 * The DrainKit MBean of an application in the platform MBeanServer, and the channel through which the DrainKit
 * applications of one server, which share no class, drain together. Not API, except the attribute and operation names of
 * {@link io.drainkit.impl.jmx.DrainControlMBean}, which are a stable interface.
 */
package io.drainkit.impl.jmx;

/**
 * The WebSocket part of the TCK's test application, added only to the WARs of scenarios tagged
 * {@link io.drainkit.tck.TckTags#WEBSOCKET}, so that runtimes without Jakarta WebSocket deploy every other WAR.
 *
 * @since 0.1
 */
package io.drainkit.tck.deployment.websocket;

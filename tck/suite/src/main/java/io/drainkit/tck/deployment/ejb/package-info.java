/**
 * The EJB of the timer scenarios (tagged {@code ejb}): deployed only by them, so that a runtime without EJB never
 * sees it.
 *
 * @since 0.1
 */
package io.drainkit.tck.deployment.ejb;

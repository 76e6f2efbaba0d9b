/**
 * The managed task of the task scenario (tagged {@code concurrency}): deployed only by it, so that a runtime without
 * Jakarta Concurrency never sees it.
 *
 * @since 0.1
 */
package io.drainkit.tck.deployment.task;

/**
 * The TCK's test deployments: servlets controlled over HTTP, and the archives that carry them.
 *
 * @since 0.1
 */
package io.drainkit.tck.deployment;

/**
 * What integrators and applications implement for DrainKit: {@link io.drainkit.spi.DrainParticipant}, work with its
 * own loop that a drain pauses and waits for.
 *
 * @since 0.1
 */
package io.drainkit.spi;

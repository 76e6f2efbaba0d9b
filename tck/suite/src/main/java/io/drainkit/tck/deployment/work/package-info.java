/**
 * The drain participant of the participant scenario: deployed only by it, as a participant holds every drain of its
 * application.
 *
 * @since 0.1
 */
package io.drainkit.tck.deployment.work;

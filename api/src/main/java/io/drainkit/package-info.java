/**
 * DrainKit's application API: the {@link io.drainkit.Drain} handle, its {@link io.drainkit.DrainState},
 * the {@link io.drainkit.DrainReport}, the CDI events {@link io.drainkit.DrainStarted} and
 * {@link io.drainkit.DrainCompleted}, and the {@link io.drainkit.LongLivedConnections} DrainKit ends for the application.
 *
 * @since 0.1
 */
package io.drainkit;

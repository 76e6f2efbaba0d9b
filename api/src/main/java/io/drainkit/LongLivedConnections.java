// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletContext;

/**
 * The application's long-lived connections that DrainKit ends for it when a drain's delay is over: server-sent event
 * or long-poll streams (an {@link AsyncContext}), WebSocket sessions (with {@link io.drainkit.websocket.GoingAway}) or
 * anything else that can be told to go ({@link Connection}).
 *
 * <p>Why at the end of the delay and not at the trigger: during the delay load balancers still route to this instance,
 * so a client told to go at the trigger may reconnect right back here, to be cut again. At the end of the delay they
 * have stopped; the connections are then ended over {@code drainkit.long-lived.jitter}, evenly spread, so that
 * thousands of clients do not reconnect to the other instances at the same instant.
 *
 * <p>While connections are held, the drain waits until the last one was told to go (their ending is one unit of work in
 * its in-flight table), so that the server's stop, which follows the preStop answer, cuts none of them at once.
 *
 * <p>A connection that ends on its own is forgotten: a stream when it completes, errs or times out; a {@link Connection}
 * when {@link Held#forget()} is called or, at the latest, when a later registration sweeps out those no longer open.
 * A connection registered once the delay is over is ended at once. Applications can still observe
 * {@link DrainStarted} and {@link DrainDelayEnded} to do more (tell clients ahead, stop accepting new ones).
 *
 * <p>Obtain it by injection ({@code @Inject LongLivedConnections connections;}) or, without CDI, with
 * {@link #of(ServletContext)}. Thread-safe: register and forget from any thread.
 *
 * @since 0.1
 */
public interface LongLivedConnections {

    /** The {@link ServletContext} attribute under which DrainKit publishes the application's connections. */
    String SERVLET_CONTEXT_ATTRIBUTE = "io.drainkit.LongLivedConnections";

    /**
     * Holds an open stream until the end of the delay, then completes it.
     *
     * @param stream an asynchronous response the application keeps open (server-sent events, long poll)
     * @return the registration; forgotten by itself when the stream completes, errs or times out
     */
    default Held holdOpen(AsyncContext stream) {
        return holdOpen(stream, ended -> {});
    }

    /**
     * Holds an open stream until the end of the delay, then lets the application write its last words (a last event
     * telling the client to reconnect, say) and completes it.
     *
     * @param stream    an asynchronous response the application keeps open
     * @param lastWords called on a DrainKit thread right before DrainKit completes the stream; what it throws is
     *                  ignored and the stream is completed all the same
     * @return the registration; forgotten by itself when the stream completes, errs or times out
     */
    Held holdOpen(AsyncContext stream, Consumer<? super AsyncContext> lastWords);

    /**
     * Holds any long-lived connection until the end of the delay, then tells it to go.
     *
     * @param connection what to end
     * @return the registration, to {@link Held#forget()} when the connection ends on its own
     */
    Held holdOpen(Connection connection);

    /** @return how many connections are held now and not yet ended */
    int held();

    /**
     * The application's long-lived connections, for code that does not use CDI.
     *
     * @param context the application's servlet context
     * @return what DrainKit published when the application started
     * @throws IllegalStateException if DrainKit is not installed or is disabled in this application
     */
    static LongLivedConnections of(ServletContext context) {
        return Published.in(context, SERVLET_CONTEXT_ATTRIBUTE, LongLivedConnections.class);
    }

    /** A long-lived connection that can be told to go. */
    interface Connection {

        /** @return {@code false} once the connection has ended, so that DrainKit can forget it */
        boolean isOpen();

        /**
         * Ends the connection; called once, on a DrainKit thread.
         *
         * @throws Exception if it could not (the client left first, say): DrainKit logs it at debug level
         */
        void goAway() throws Exception;
    }

    /** One registration. */
    interface Held {

        /** DrainKit forgets the connection (it ended on its own); idempotent. */
        void forget();
    }
}

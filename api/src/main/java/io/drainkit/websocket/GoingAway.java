// SPDX-License-Identifier: Apache-2.0
package io.drainkit.websocket;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import io.drainkit.LongLivedConnections;

/**
 * Holds WebSocket sessions open until the end of a drain's delay, then closes them with {@code 1001 Going Away}: the
 * status that tells a client the server is leaving and that it should reconnect (to another instance).
 *
 * <p>The only DrainKit class that uses {@code jakarta.websocket}: a server or application without WebSocket never loads
 * it, and nothing else of DrainKit needs the API at run time (the JVM resolves a class only when code that runs names
 * it).
 *
 * <p>Call {@link #holdOpen(LongLivedConnections, Session)} from the endpoint's {@code onOpen} and, so that a session
 * that closes on its own is forgotten at once, {@link LongLivedConnections.Held#forget()} from its {@code onClose}
 * (DrainKit otherwise forgets closed sessions when later ones register). Thread-safe.
 *
 * @since 0.1
 */
public final class GoingAway {

    /** What the client reads in the close frame. */
    public static final String REASON = "server draining, reconnect";

    private GoingAway() {}

    /**
     * @param connections the application's long-lived connections
     * @param session     a session that just opened
     * @return the registration
     */
    public static LongLivedConnections.Held holdOpen(LongLivedConnections connections, Session session) {
        return connections.holdOpen(new LongLivedConnections.Connection() {
            @Override
            public boolean isOpen() {
                return session.isOpen();
            }

            @Override
            public void goAway() throws Exception {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, REASON));
            }

            @Override
            public String toString() {
                return "WebSocket session " + session.getId();
            }
        });
    }
}

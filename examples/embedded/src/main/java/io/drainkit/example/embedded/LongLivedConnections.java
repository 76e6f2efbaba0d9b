package io.drainkit.example.embedded;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.AsyncContext;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import io.drainkit.DrainStarted;

/**
 * The application's long-lived connections (WebSocket sessions, server-sent event streams), told to go when the
 * drain starts: readiness is DOWN, so a client that reconnects now reaches another instance. WebSocket sessions
 * close with 1001 Going Away; event streams get a last {@code drain} event and end cleanly. Without this, a
 * WebSocket would stay pinned to this instance until it dies, and an open event stream (an async request, so
 * counted as in flight) would hold the drain until its deadline.
 *
 * <p>Thread-safe: connections register from container threads, the observer runs on DrainKit's thread.
 */
@ApplicationScoped
public class LongLivedConnections {

    private static final Logger LOG = System.getLogger(LongLivedConnections.class.getName());

    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Set<AsyncContext> streams = ConcurrentHashMap.newKeySet();

    /** @param session a WebSocket session that just opened */
    public void opened(Session session) {
        sessions.add(session);
    }

    /** @param session a WebSocket session that closed */
    public void closed(Session session) {
        sessions.remove(session);
    }

    /** @param stream an event stream that just started */
    public void opened(AsyncContext stream) {
        streams.add(stream);
    }

    /** @param stream an event stream that ended */
    public void closed(AsyncContext stream) {
        streams.remove(stream);
    }

    void goAway(@Observes DrainStarted started) {
        LOG.log(Level.INFO, "drain started: closing " + sessions.size() + " WebSocket session(s) with 1001 Going Away"
                + " and ending " + streams.size() + " event stream(s)");
        for (Session session : sessions) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "draining"));
            } catch (IOException | IllegalStateException alreadyGone) {
                // The client left first.
            }
        }
        for (AsyncContext stream : streams) {
            EventStreamServlet.end(stream);
        }
    }
}

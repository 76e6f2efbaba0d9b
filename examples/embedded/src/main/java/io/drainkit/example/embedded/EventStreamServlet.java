package io.drainkit.example.embedded;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /events}: a server-sent event stream that stays open until the client leaves or a drain ends it with
 * a last {@code drain} event. An async request, so DrainKit counts it as in flight while it is open.
 */
final class EventStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient LongLivedConnections connections;

    EventStreamServlet(LongLivedConnections connections) {
        this.connections = connections;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        AsyncContext stream = request.startAsync();
        stream.setTimeout(0);
        stream.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                connections.closed(stream);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                connections.closed(stream);
            }

            @Override
            public void onError(AsyncEvent event) {
                connections.closed(stream);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // one async cycle only
            }
        });
        connections.opened(stream);
        response.getWriter().write("event: hello\ndata: connected\n\n");
        response.flushBuffer();
    }

    /** Sends the last event and completes the stream: the client sees a clean end, and may reconnect elsewhere. */
    static void end(AsyncContext stream) {
        try {
            stream.getResponse().getWriter().write("event: drain\ndata: going away\n\n");
            stream.getResponse().flushBuffer();
        } catch (IOException | IllegalStateException clientGone) {
            // nothing left to tell
        } finally {
            try {
                stream.complete();
            } catch (IllegalStateException alreadyComplete) {
                // ended meanwhile
            }
        }
    }
}

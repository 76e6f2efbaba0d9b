// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import java.io.IOException;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.drainkit.LongLivedConnections;

/**
 * {@code GET /events}: a server-sent event stream that stays open until the client leaves or DrainKit ends it at the end
 * of the drain's delay, after a last {@code drain} event. An async request, so DrainKit counts it as in flight while it
 * is open.
 */
final class EventStreamServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        AsyncContext stream = request.startAsync();
        stream.setTimeout(0);
        response.getWriter().write("event: hello\ndata: connected\n\n");
        response.flushBuffer();
        LongLivedConnections.of(getServletContext()).holdOpen(stream, EventStreamServlet::lastEvent);
    }

    /** The client sees a last event before the clean end, and may reconnect elsewhere. */
    private static void lastEvent(AsyncContext stream) {
        try {
            stream.getResponse().getWriter().write("event: drain\ndata: going away\n\n");
        } catch (IOException clientGone) {
            // nothing left to tell; DrainKit completes the stream all the same
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.app;

import java.io.IOException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /work?ms=N}: works (sleeps) N milliseconds, then answers 200 {@code ok}. Stands in for any request
 * that takes time, so that a drain has something to wait for. Found by annotation scanning in the example WAR;
 * registered by hand in the embedded example.
 */
@WebServlet(name = "work", urlPatterns = "/work")
public final class WorkServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Longer work is refused: the example's drain deadline is seconds, not minutes. */
    public static final int MAX_MS = 60_000;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String ms = request.getParameter("ms");
        int millis;
        try {
            millis = ms == null ? 0 : Integer.parseInt(ms);
        } catch (NumberFormatException notANumber) {
            millis = -1;
        }
        if (millis < 0 || millis > MAX_MS) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "ms must be 0 to " + MAX_MS);
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "interrupted");
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("ok\n");
    }
}

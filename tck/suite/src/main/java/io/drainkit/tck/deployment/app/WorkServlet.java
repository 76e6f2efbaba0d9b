// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /work?ms=N}: sleeps N ms (0 without {@code ms}), answers {@code ok}. */
public final class WorkServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String ms = req.getParameter("ms");
        sleep(ms == null ? 0 : Long.parseLong(ms));
        resp.setContentType("text/plain");
        resp.getWriter().write("ok");
    }

    /** @param millis how long the request works */
    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /work-cdi?ms=N}: sleeps N ms, then uses an application-scoped bean ({@link Visits}); answers
 * {@code ok visits=V}. Fails if the application's CDI container went away while it slept.
 */
public final class WorkWithCdiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WorkServlet.sleep(Long.parseLong(req.getParameter("ms")));
        long visits = CDI.current().select(Visits.class).get().increment();
        resp.setContentType("text/plain");
        resp.getWriter().write("ok visits=" + visits);
    }
}

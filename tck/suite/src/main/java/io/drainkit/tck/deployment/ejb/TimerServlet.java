// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.ejb;

import java.io.IOException;

import jakarta.ejb.EJB;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /timer?gate=NAME} schedules {@link SweepTimer}'s callback, which waits for that gate; {@code GET /timer}
 * answers {@code {"pending":P,"runs":R}}.
 */
public final class TimerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Where it answers. */
    public static final String PATH = "/timer";

    @EJB
    private transient SweepTimer sweep;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String gate = req.getParameter("gate");
        if (gate != null) {
            sweep.schedule(gate);
        }
        resp.setContentType("application/json");
        resp.getWriter().write("{\"pending\":" + sweep.pending() + ",\"runs\":" + sweep.runs() + "}");
    }
}

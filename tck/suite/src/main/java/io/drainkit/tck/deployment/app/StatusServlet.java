// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.drainkit.Drain;

/**
 * {@code GET /status}: {@code {"state":"SERVING","inFlight":N,"acceptsNewWork":true}} where N counts the units of work
 * in flight other than this request (so a forward or include that was counted twice shows 1).
 */
public final class StatusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String PATH = "/status";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Drain drain = Drain.of(getServletContext());
        resp.setContentType("application/json");
        resp.getWriter()
                .write("{\"state\":\"" + drain.state() + "\",\"inFlight\":" + (drain.inFlight() - 1)
                        + ",\"acceptsNewWork\":" + drain.acceptsNewWork() + "}");
    }
}

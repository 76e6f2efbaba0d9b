// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /block?gate=NAME}: waits until the gate opens, answers {@code released}. */
public final class BlockServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!Gates.pass(Gates.gate(req.getParameter("gate")))) {
            resp.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT, "gate never opened");
            return;
        }
        resp.setContentType("text/plain");
        resp.getWriter().write("released");
    }
}

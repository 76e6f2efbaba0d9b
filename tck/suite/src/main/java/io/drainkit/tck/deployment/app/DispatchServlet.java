// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /forward} forwards to {@link StatusServlet}; {@code GET /include} includes it. */
public final class DispatchServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String FORWARD = "/forward";
    static final String INCLUDE = "/include";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        if (req.getServletPath().equals(FORWARD)) {
            req.getRequestDispatcher(StatusServlet.PATH).forward(req, resp);
        } else {
            req.getRequestDispatcher(StatusServlet.PATH).include(req, resp);
        }
    }
}

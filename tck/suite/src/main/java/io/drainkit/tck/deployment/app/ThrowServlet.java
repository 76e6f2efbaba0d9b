// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /throw}: throws, so that the container answers 500. */
public final class ThrowServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
        throw new ServletException("thrown by the TCK on purpose");
    }
}

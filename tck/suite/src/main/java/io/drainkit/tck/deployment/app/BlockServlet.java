package io.drainkit.tck.deployment.app;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /block?gate=NAME}: waits until the gate opens, answers {@code released}. */
public final class BlockServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            if (!Gates.gate(req.getParameter("gate")).await(Gates.LIMIT_SECONDS, TimeUnit.SECONDS)) {
                resp.sendError(HttpServletResponse.SC_GATEWAY_TIMEOUT, "gate never opened");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resp.setContentType("text/plain");
        resp.getWriter().write("released");
    }
}

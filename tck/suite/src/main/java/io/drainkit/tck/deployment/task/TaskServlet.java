// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.task;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.drainkit.Drain;
import io.drainkit.WorkInFlight;
import io.drainkit.tck.deployment.app.Gates;

/**
 * {@code GET /task?gate=NAME}: submits a task to the default {@code ManagedExecutorService} that DrainKit tracks
 * ({@code task ReportJob}) while it waits for the gate, and answers at once.
 */
public final class TaskServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Where it answers. */
    public static final String PATH = "/task";

    @Resource
    private transient ManagedExecutorService executor;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Drain drain = Drain.of(getServletContext());
        String gate = req.getParameter("gate");
        executor.execute(() -> {
            try (WorkInFlight work = drain.track("task", "ReportJob")) {
                Gates.pass(Gates.gate(gate));
            }
        });
        resp.setContentType("text/plain");
        resp.getWriter().write("submitted");
    }
}

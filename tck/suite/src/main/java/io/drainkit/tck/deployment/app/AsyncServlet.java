package io.drainkit.tck.deployment.app;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /async?mode=complete&gate=NAME} completes from another thread when the gate opens;
 * {@code mode=timeout&ms=N} lets the container time it out; {@code mode=error} re-dispatches to
 * {@link ThrowServlet}.
 */
public final class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        AsyncContext async = req.startAsync();
        switch (req.getParameter("mode")) {
            case "complete":
                async.setTimeout(TimeUnit.SECONDS.toMillis(Gates.LIMIT_SECONDS));
                CountDownLatch gate = Gates.gate(req.getParameter("gate"));
                async.start(() -> {
                    try {
                        gate.await(Gates.LIMIT_SECONDS, TimeUnit.SECONDS);
                        async.getResponse().getWriter().write("completed");
                    } catch (InterruptedException | IOException e) {
                        Thread.currentThread().interrupt();
                    }
                    async.complete();
                });
                break;
            case "timeout":
                async.setTimeout(Long.parseLong(req.getParameter("ms")));
                break;
            default:
                async.dispatch("/throw");
        }
    }
}

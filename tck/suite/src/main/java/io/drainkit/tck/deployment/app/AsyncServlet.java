// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An asynchronous request, ended three ways. Each stays open after the dispatch that started it has returned, for
 * as long as the test decides, so that the test can see it still counted then:
 * <ul>
 * <li>{@code GET /async?mode=complete&gate=NAME}: completes from another thread, answering {@code completed}, when
 * the gate opens;</li>
 * <li>{@code mode=timeout&ms=N}: lets the container time it out after N ms;</li>
 * <li>{@code mode=error&gate=NAME}: when the gate opens, re-dispatches to {@link ThrowServlet}, which throws.</li>
 * </ul>
 */
public final class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        AsyncContext async = req.startAsync();
        String mode = req.getParameter("mode");
        if (mode.equals("timeout")) {
            async.setTimeout(Long.parseLong(req.getParameter("ms")));
            return;
        }
        async.setTimeout(TimeUnit.SECONDS.toMillis(Gates.LIMIT_SECONDS));
        CountDownLatch gate = Gates.gate(req.getParameter("gate"));
        if (mode.equals("complete")) {
            async.start(() -> {
                try {
                    Gates.pass(gate);
                    async.getResponse().getWriter().write("completed");
                } catch (IOException clientGone) {
                    // nothing to answer: complete all the same
                } finally {
                    async.complete();
                }
            });
        } else {
            async.start(() -> {
                Gates.pass(gate);
                async.dispatch("/throw");
            });
        }
    }
}

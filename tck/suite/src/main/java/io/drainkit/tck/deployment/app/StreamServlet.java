// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /stream}: a long-lived response, as a server-sent event stream is: writes {@code open}, then stays open
 * until {@link OpenStreams} ends it when the drain starts.
 */
public final class StreamServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        AsyncContext async = req.startAsync();
        async.setTimeout(TimeUnit.SECONDS.toMillis(Gates.LIMIT_SECONDS));
        resp.setContentType("text/plain");
        resp.getWriter().write("open\n");
        resp.flushBuffer();
        CDI.current().select(OpenStreams.class).get().add(async);
    }
}

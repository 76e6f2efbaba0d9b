// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.work;

import java.io.IOException;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /consumer}: the {@link PollingConsumer}'s state; {@code GET /consumer?finish} finishes its work first. */
public final class ConsumerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** Where it answers. */
    public static final String PATH = "/consumer";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        PollingConsumer consumer = CDI.current().select(PollingConsumer.class).get();
        if (req.getParameter("finish") != null) {
            consumer.finish();
        }
        resp.setContentType("text/plain");
        resp.getWriter().write(consumer.state());
    }
}

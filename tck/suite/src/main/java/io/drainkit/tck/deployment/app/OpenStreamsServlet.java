// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /open-streams}: how many {@link StreamServlet} responses {@link OpenStreams} holds. DrainKit counts a
 * stream in flight when it enters the filter, an instant before the servlet registers it; a test that starts the drain
 * in between would see the stream never ended, so it waits for this count first.
 */
public final class OpenStreamsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        resp.getWriter()
                .write(Integer.toString(
                        CDI.current().select(OpenStreams.class).get().size()));
    }
}

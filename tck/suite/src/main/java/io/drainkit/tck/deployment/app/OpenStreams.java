// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.AsyncContext;

import io.drainkit.DrainStarted;

/**
 * The open {@link StreamServlet} responses, ended when DrainKit fires {@link DrainStarted}, as an application would
 * end them. Thread-safe.
 */
@ApplicationScoped
public class OpenStreams {
    private final List<AsyncContext> open = new CopyOnWriteArrayList<>();

    void add(AsyncContext stream) {
        open.add(stream);
    }

    /** @return how many streams are open, waiting for the drain */
    int size() {
        return open.size();
    }

    void endOnDrainStarted(@Observes DrainStarted started) throws IOException {
        for (AsyncContext stream : open) {
            open.remove(stream);
            stream.getResponse().getWriter().write("draining\n");
            stream.complete();
        }
    }
}

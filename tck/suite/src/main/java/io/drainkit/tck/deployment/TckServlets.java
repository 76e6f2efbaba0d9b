package io.drainkit.tck.deployment;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.drainkit.Drain;
import io.drainkit.DrainStarted;

/**
 * The servlets every TCK deployment carries. They are controlled over HTTP only, so the TCK runs the same
 * against an embedded server and a managed one in another JVM.
 *
 * @since 0.1
 */
public final class TckServlets {

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();
    private static final long GATE_LIMIT_SECONDS = 120;

    private TckServlets() {
    }

    static CountDownLatch gate(String name) {
        return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    /** {@code GET /work?ms=N}: sleeps N ms, answers {@code ok}. */
    public static final class Work extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String ms = req.getParameter("ms");
            try {
                Thread.sleep(ms == null ? 0 : Long.parseLong(ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("ok");
        }
    }

    /**
     * {@code GET /work-cdi?ms=N}: sleeps N ms, then uses an application-scoped bean; answers
     * {@code ok visits=V}. Fails if the CDI container went away while it slept.
     */
    public static final class WorkWithCdi extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                Thread.sleep(Long.parseLong(req.getParameter("ms")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            long visits = CDI.current().select(Visits.class).get().increment();
            resp.setContentType("text/plain");
            resp.getWriter().write("ok visits=" + visits);
        }
    }

    /** An application-scoped bean: gone once the application's CDI container has shut down. */
    @ApplicationScoped
    public static class Visits {
        private final AtomicLong count = new AtomicLong();

        /** @return the visits so far, this one included */
        public long increment() {
            return count.incrementAndGet();
        }
    }

    /** {@code GET /block?gate=NAME}: waits until the gate opens, answers {@code released}. */
    public static final class Block extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                if (!gate(req.getParameter("gate")).await(GATE_LIMIT_SECONDS, TimeUnit.SECONDS)) {
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

    /** {@code GET /gate?open=NAME}: opens a gate. */
    public static final class Gate extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            gate(req.getParameter("open")).countDown();
            resp.getWriter().write("open");
        }
    }

    /**
     * {@code GET /async?mode=complete&gate=NAME} completes from another thread when the gate opens;
     * {@code mode=timeout&ms=N} lets the container time it out; {@code mode=error} re-dispatches to a
     * servlet that throws.
     */
    public static final class Async extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            AsyncContext async = req.startAsync();
            switch (req.getParameter("mode")) {
                case "complete":
                    async.setTimeout(TimeUnit.SECONDS.toMillis(GATE_LIMIT_SECONDS));
                    CountDownLatch gate = gate(req.getParameter("gate"));
                    async.start(() -> {
                        try {
                            gate.await(GATE_LIMIT_SECONDS, TimeUnit.SECONDS);
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

    /**
     * {@code GET /stream}: a long-lived response, as a server-sent event stream is: writes {@code open}, then stays
     * open until {@link OpenStreams} ends it when the drain starts.
     */
    public static final class Stream extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            AsyncContext async = req.startAsync();
            async.setTimeout(TimeUnit.SECONDS.toMillis(GATE_LIMIT_SECONDS));
            resp.setContentType("text/plain");
            resp.getWriter().write("open\n");
            resp.flushBuffer();
            CDI.current().select(OpenStreams.class).get().add(async);
        }
    }

    /** The open {@link Stream}s, ended when DrainKit fires {@link DrainStarted}, as an application would end them. */
    @ApplicationScoped
    public static class OpenStreams {
        private final List<AsyncContext> open = new CopyOnWriteArrayList<>();

        void add(AsyncContext stream) {
            open.add(stream);
        }

        void endOnDrainStarted(@Observes DrainStarted started) throws IOException {
            for (AsyncContext stream : open) {
                open.remove(stream);
                stream.getResponse().getWriter().write("draining\n");
                stream.complete();
            }
        }
    }

    /** {@code GET /throw}: throws. */
    public static final class Throw extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException {
            throw new ServletException("thrown by the TCK on purpose");
        }
    }

    /** {@code GET /forward} forwards to {@code /status}; {@code GET /include} includes it. */
    public static final class Dispatch extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
            if (req.getServletPath().equals("/forward")) {
                req.getRequestDispatcher("/status").forward(req, resp);
            } else {
                req.getRequestDispatcher("/status").include(req, resp);
            }
        }
    }

    /**
     * {@code GET /status}: {@code {"state":"SERVING","inFlight":N}} where N counts the requests in flight
     * other than this one (so a forward or include that was counted twice shows 1).
     */
    public static final class Status extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            Drain drain = Drain.of(getServletContext());
            resp.setContentType("application/json");
            resp.getWriter().write("{\"state\":\"" + drain.state() + "\",\"inFlight\":" + (drain.inFlight() - 1) + "}");
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.drainkit.DrainEndpoints;
import io.drainkit.InFlightWork;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainSettings;
import io.drainkit.impl.WorkNamer;

/**
 * Counts every request in flight, once, and while draining asks HTTP/1.x clients to close their
 * connection. Mapped to {@code /*} on {@code REQUEST} dispatch only, so {@code FORWARD}, {@code INCLUDE},
 * {@code ERROR} and {@code ASYNC} re-dispatches are not counted again. DrainKit's own endpoints are never
 * counted: a drain must not wait for the request that waits for it.
 *
 * <p>With {@code drainkit.late-requests=reject}, a request that arrives after the delay is answered 503 with
 * {@code Retry-After} (and {@code Connection: close} on HTTP/1.x) without reaching the application, and is not
 * counted; requests admitted before still finish.
 *
 * <p>A request is counted out when the filter returns, or, if the application went asynchronous, when its
 * {@code AsyncContext} completes, errors or times out, whichever comes first, exactly once.
 *
 * <p>Thread-safe; while not draining it allocates nothing.
 */
public final class InFlightFilter implements Filter {

    /** Names a request the deadline cut by its method and request URI: {@code request GET /orders}. */
    private static final WorkNamer<HttpServletRequest> REQUEST_NAMER = (request, age, beforeDrain) -> new InFlightWork(
            InFlightWork.REQUEST, request.getMethod() + " " + request.getRequestURI(), age, beforeDrain);

    private final DrainCoordinator coordinator;
    private final boolean connectionClose;
    /** {@code null} when the preStop endpoint is off. */
    private final String preStopPath;

    private final boolean rejectLateRequests;
    private final String retryAfterSeconds;

    /**
     * @param coordinator the application's drain
     * @param settings    its settings
     */
    public InFlightFilter(DrainCoordinator coordinator, DrainSettings settings) {
        this.coordinator = coordinator;
        this.connectionClose = settings.connectionClose();
        this.preStopPath = settings.preStopEnabled() ? settings.preStopPath() : null;
        this.rejectLateRequests = settings.lateRequests() == DrainSettings.LateRequests.REJECT;
        this.retryAfterSeconds = Long.toString((settings.retryAfter().toMillis() + 999) / 1000);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest) || isOwnEndpoint((HttpServletRequest) req)) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        if (rejectLateRequests && coordinator.isDelayOver()) {
            // Asked before counting: a request turned away is never counted.
            rejectLateRequest(request, (HttpServletResponse) res);
            return;
        }
        // Count first, then look at the state: a request either sees the drain or is seen by it.
        int ticket = coordinator.enter(request, REQUEST_NAMER);
        try {
            ServletResponse response = res;
            if (closesConnection(request)) {
                HttpServletResponse http = (HttpServletResponse) res;
                http.setHeader(ConnectionCloseResponse.CONNECTION, ConnectionCloseResponse.CLOSE);
                response = new ConnectionCloseResponse(http);
            }
            chain.doFilter(request, response);
        } finally {
            exitOrAwaitAsync(request, res, ticket);
        }
    }

    private void exitOrAwaitAsync(HttpServletRequest request, ServletResponse response, int ticket) {
        if (request.isAsyncStarted()) {
            try {
                // Still inside the dispatch that started async: the context cannot have completed yet.
                request.getAsyncContext().addListener(new ExitOnAsyncEnd(coordinator, ticket));
                return;
            } catch (IllegalStateException alreadyOver) {
                // fall through: count it out now rather than never
            }
        }
        if (closesConnection(request) && !response.isCommitted()) {
            // The drain started while this request ran: the response has not gone out yet, so it can still ask.
            ((HttpServletResponse) response)
                    .setHeader(ConnectionCloseResponse.CONNECTION, ConnectionCloseResponse.CLOSE);
        }
        coordinator.exit(ticket);
    }

    private void rejectLateRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", retryAfterSeconds);
        if (request.getProtocol().startsWith("HTTP/1.")) {
            response.setHeader(ConnectionCloseResponse.CONNECTION, ConnectionCloseResponse.CLOSE);
        }
        response.setContentType("text/plain");
        response.getWriter().write("Draining: retry on another instance\n");
    }

    private boolean closesConnection(HttpServletRequest request) {
        // The header is a protocol error in HTTP/2 and HTTP/3, where the server closes streams, not connections.
        return connectionClose
                && coordinator.isDraining()
                && request.getProtocol().startsWith("HTTP/1.");
    }

    private boolean isOwnEndpoint(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        return servletPath.equals(DrainEndpoints.READINESS_PATH) || servletPath.equals(preStopPath);
    }

    /** Counts an asynchronous request out at its end, once, and follows it through re-started async cycles. */
    private static final class ExitOnAsyncEnd extends AtomicBoolean implements AsyncListener {
        private static final long serialVersionUID = 1L;
        private final transient DrainCoordinator coordinator;
        private final int ticket;

        ExitOnAsyncEnd(DrainCoordinator coordinator, int ticket) {
            this.coordinator = coordinator;
            this.ticket = ticket;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            exitOnce();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            exitOnce();
        }

        @Override
        public void onError(AsyncEvent event) {
            exitOnce();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle drops the listeners of the previous one (Servlet 6.0, 2.3.3.3): stay registered.
            event.getAsyncContext().addListener(this);
        }

        private void exitOnce() {
            if (compareAndSet(false, true)) {
                coordinator.exit(ticket);
            }
        }
    }
}

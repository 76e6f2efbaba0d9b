// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.drainkit.Drain;
import io.drainkit.LongLivedConnections;
import io.drainkit.impl.DrainCoordinator;

/**
 * A real Jetty 12 (ee10) server on 127.0.0.1 with DrainKit installed by its initializer and a set of test
 * servlets: sync, blocking, async (complete, timeout, error), a held stream, forward, include, error dispatch, reset.
 * Each instance is a separate application (its own class loader), configured through system properties
 * that are set only while it starts.
 */
final class JettyApplication implements AutoCloseable {

    static final String CONTEXT = "/app";

    private final Server server = new Server();
    private final ServletContextHandler context;
    private final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
    private final HttpClient http1 = new HttpClient();
    private final HttpClient h2c = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
    private URI base;

    private JettyApplication(String contextPath) {
        this.context = new ServletContextHandler(contextPath);
    }

    static JettyApplication start(String... settings) throws Exception {
        return startAt(CONTEXT, settings);
    }

    /**
     * @param contextPath where the application is deployed
     * @param settings    DrainKit's settings, key then value
     * @return the started application
     * @throws Exception if it does not start
     */
    static JettyApplication startAt(String contextPath, String... settings) throws Exception {
        JettyApplication application = new JettyApplication(contextPath);
        application.run(settings);
        return application;
    }

    private void run(String... settings) throws Exception {
        HttpConfiguration config = new HttpConfiguration();
        ServerConnector connector = new ServerConnector(
                server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
        connector.setHost("127.0.0.1");
        server.addConnector(connector);

        context.setClassLoader(new URLClassLoader(new URL[0], getClass().getClassLoader()));
        context.addServletContainerInitializer(new DrainKitInitializer());
        addTestServlets();
        server.setHandler(context);

        for (int i = 0; i < settings.length; i += 2) {
            System.setProperty(settings[i], settings[i + 1]);
        }
        try {
            server.start();
        } finally {
            for (int i = 0; i < settings.length; i += 2) {
                System.clearProperty(settings[i]);
            }
        }
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + context.getContextPath());
        http1.start();
        h2c.start();
    }

    Server server() {
        return server;
    }

    DrainCoordinator drain() {
        return (DrainCoordinator) Drain.of(context.getServletContext());
    }

    LongLivedConnections longLived() {
        return LongLivedConnections.of(context.getServletContext());
    }

    URI uri(String pathAndQuery) {
        return URI.create(base + pathAndQuery);
    }

    HttpClient http1() {
        return http1;
    }

    HttpClient h2c() {
        return h2c;
    }

    /** A gate that {@code /block?gate=name} requests wait at until the test opens it. */
    CountDownLatch gate(String name) {
        return gates.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    @Override
    public void close() throws Exception {
        gates.values().forEach(CountDownLatch::countDown);
        h2c.stop();
        http1.stop();
        server.stop();
    }

    private void addTestServlets() {
        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.getWriter()
                                .write("ok inFlight=" + drain().inFlight() + " connectionHeader="
                                        + resp.containsHeader("Connection"));
                    }
                }),
                "/hello");

        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        try {
                            if (!gate(req.getParameter("gate")).await(30, TimeUnit.SECONDS)) {
                                throw new IOException("gate never opened");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        resp.getWriter().write("released");
                    }
                }),
                "/block");

        ServletHolder async = new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                AsyncContext async = req.startAsync();
                String mode = req.getParameter("mode");
                switch (mode) {
                    case "complete":
                        // Completed later, from another thread, when the test opens the gate.
                        async.setTimeout(30_000);
                        async.start(() -> {
                            try {
                                gate(req.getParameter("gate")).await(30, TimeUnit.SECONDS);
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
                    case "error":
                        async.dispatch("/throw");
                        break;
                    default:
                        throw new IllegalArgumentException(mode);
                }
            }
        });
        async.setAsyncSupported(true);
        context.addServlet(async, "/async");

        ServletHolder held = new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                AsyncContext stream = req.startAsync();
                stream.setTimeout(Long.parseLong(req.getParameter("ms")));
                resp.getWriter().write("open\n");
                resp.flushBuffer();
                LongLivedConnections.of(req.getServletContext()).holdOpen(stream, ended -> {
                    try {
                        ended.getResponse().getWriter().write("last words\n");
                    } catch (IOException clientGone) {
                        throw new UncheckedIOException(clientGone);
                    }
                });
            }
        });
        held.setAsyncSupported(true);
        context.addServlet(held, "/held");

        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
                        throw new IllegalStateException("thrown by the application on purpose");
                    }
                }),
                "/throw");

        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                            throws ServletException, IOException {
                        req.getRequestDispatcher("/hello").forward(req, resp);
                    }
                }),
                "/forward");

        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp)
                            throws ServletException, IOException {
                        resp.getWriter().write("included: ");
                        req.getRequestDispatcher("/hello").include(req, resp);
                    }
                }),
                "/include");

        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.getWriter().write("error page inFlight=" + drain().inFlight());
                    }
                }),
                "/error-page");

        context.addServlet(
                new ServletHolder(new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                        resp.setHeader("X-Before-Reset", "gone");
                        resp.reset();
                        resp.getWriter().write("reset");
                        resp.flushBuffer();
                    }
                }),
                "/reset");

        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(500, "/error-page");
        context.setErrorHandler(errors);
    }
}

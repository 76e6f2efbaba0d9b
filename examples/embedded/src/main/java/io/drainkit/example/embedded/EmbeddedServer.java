// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.inject.Instance;
import jakarta.servlet.ServletContext;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

import io.smallrye.health.SmallRyeHealthReporter;

import io.drainkit.Drain;
import io.drainkit.DrainReport;
import io.drainkit.LongLivedConnections;
import io.drainkit.example.app.WorkServlet;
import io.drainkit.impl.servlet.DrainKitInitializer;

/**
 * The example application: Weld SE and an embedded Jetty 12 ee10 context in one class loader, with DrainKit
 * installed on both sides, {@code GET /work?ms=N} and MicroProfile Health at {@code /health/ready}, over HTTP/1.1 and
 * h2c on one port (with {@code drainkit-jetty}, HTTP/2 connections get a graceful GOAWAY when the drain starts);
 * DrainKit's metrics on a Prometheus endpoint of their own ({@link PrometheusTelemetry}).
 *
 * <p>Shutdown order is the point of the example. The JVM shutdown hook installed here first shuts Weld down:
 * Weld fires {@code @BeforeDestroyed(ApplicationScoped.class)}, where DrainKit's extension drains (readiness DOWN,
 * the delay, waiting for requests in flight) while Jetty keeps serving. Only then does the hook stop Jetty, whose
 * own graceful stop is kept short. Weld SE's shutdown hook is switched off: JVM shutdown hooks run concurrently, so
 * with two hooks nothing would hold Jetty's connector open while DrainKit drains.
 */
public final class EmbeddedServer {

    private static final Logger LOG = System.getLogger("io.drainkit.example");

    /** Jetty's stop after DrainKit's drain: enough for a request that arrived after the drain, no more. */
    static final Duration JETTY_STOP_TIMEOUT = Duration.ofSeconds(2);

    private final ServerSettings settings;
    private PrometheusTelemetry telemetry;
    private WeldContainer weld;
    private Server jetty;
    private Drain drain;
    private URI uri;

    EmbeddedServer(ServerSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts the example; it then runs until SIGTERM (exit status 0 after a clean shutdown, see
     * {@link SigtermExit}) or SIGINT.
     *
     * @param args the port, optionally (else {@code PORT}, else 8080; 0 picks a free one)
     */
    public static void main(String[] args) {
        // Weld and SmallRye log through jboss-logging: send it to SLF4J, where Jetty and DrainKit's System.Logger go.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        EmbeddedServer server;
        try {
            server = new EmbeddedServer(ServerSettings.from(args, System.getenv()));
            server.start();
        } catch (Exception | LinkageError failure) {
            LOG.log(Level.ERROR, "not started: " + rootMessage(failure), failure);
            // Exit without the shutdown hook: a server that never served has nothing to drain.
            System.exit(1);
            return;
        }
        server.stopGracefullyOnShutdown();
        LOG.log(Level.INFO, "listening on " + server.uri);
    }

    void start() throws Exception {
        long begin = System.nanoTime();
        Weld cdi = new Weld().skipShutdownHook();
        if (settings.metricsEnabled()) {
            // Before Weld: DrainKit takes the OpenTelemetry bean when the deployment is validated.
            telemetry = PrometheusTelemetry.serve(settings.host(), settings.metricsPort());
            cdi.addExtension(telemetry);
        }
        // Weld first: DrainKit's extension claims the application's drain, and the health reporter exists.
        weld = cdi.initialize();
        SmallRyeHealthReporter reporter =
                weld.select(SmallRyeHealthReporter.class).get();

        jetty = new Server();
        // HTTP/1.1 and h2c on one port: a client that starts with HTTP/2's preface (prior knowledge, as HAProxy's
        // "proto h2" does) or asks for "Upgrade: h2c" speaks HTTP/2. drainkit-jetty sends those a GOAWAY.
        HttpConfiguration http = new HttpConfiguration();
        ServerConnector connector =
                new ServerConnector(jetty, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // At Jetty's stop every connection's idle timeout drops to this (1 s by default), and an HTTP/2 connection
        // whose stream has not written for that long is closed with the stream: as long as the stop may take.
        connector.setShutdownIdleTimeout(JETTY_STOP_TIMEOUT.toMillis());
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        // What a servlet container does for DrainKit in WEB-INF/lib: the in-flight filter and DrainKit's endpoints.
        context.addServletContainerInitializer(new DrainKitInitializer());
        context.addServlet(new ServletHolder("work", new WorkServlet()), "/work");
        context.addServlet(new ServletHolder("health", new HealthServlet(reporter)), "/health/*");
        LongLivedConnections connections =
                weld.select(LongLivedConnections.class).get();
        ServletHolder events = new ServletHolder("events", new EventStreamServlet());
        events.setAsyncSupported(true);
        context.addServlet(events, "/events");
        JakartaWebSocketServletContainerInitializer.configure(
                context, (servletContext, container) -> container.addEndpoint(LiveEndpoint.config(connections)));

        // Jetty's graceful stop comes after DrainKit's drain: it only has to finish what arrived since.
        jetty.setHandler(new GracefulHandler(context));
        jetty.setStopTimeout(JETTY_STOP_TIMEOUT.toMillis());
        jetty.setStopAtShutdown(false);
        jetty.start();

        drain = oneDrain(context.getServletContext(), weld.select(Drain.class));
        uri = URI.create("http://" + settings.host() + ":" + connector.getLocalPort());
        LOG.log(
                Level.INFO,
                "Weld and Jetty started in " + millisSince(begin) + " ms; "
                        + (drain == null ? "DrainKit is disabled" : "DrainKit's servlet and CDI sides share one drain")
                        + (telemetry == null ? "; no metrics" : "; metrics for Prometheus at " + telemetry.endpoint()));
    }

    /**
     * The servlet side (filter, endpoints) and the CDI side (shutdown drain, readiness check) must be one drain:
     * DrainKit pairs them by the thread context class loader at deployment, which here is the same for Jetty and
     * Weld. Were they two, a SIGTERM drain would wait for no request and turn no readiness DOWN.
     */
    private static Drain oneDrain(ServletContext servletContext, Instance<Drain> cdi) {
        Object servletSide = servletContext.getAttribute(Drain.SERVLET_CONTEXT_ATTRIBUTE);
        if (servletSide == null) {
            return null;
        }
        Drain cdiSide = cdi.get();
        if (servletSide != cdiSide) {
            throw new IllegalStateException("DrainKit's servlet side and CDI side hold different drains: start Jetty"
                    + " and Weld with the same thread context class loader");
        }
        return cdiSide;
    }

    private void stopGracefullyOnShutdown() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "drainkit-example-shutdown"));
        SigtermExit.reportCleanShutdownAsZero(LOG);
    }

    /** Weld first (DrainKit drains while Jetty serves), then Jetty. Runs in the JVM shutdown hook. */
    void shutdown() {
        long begin = System.nanoTime();
        boolean clean = true;
        LOG.log(Level.INFO, "shutting down: Weld first (DrainKit drains while Jetty keeps serving), then Jetty");
        try {
            if (weld.isRunning()) {
                weld.shutdown();
            }
        } catch (RuntimeException | LinkageError failure) {
            clean = false;
            LOG.log(Level.ERROR, "Weld's shutdown failed; stopping Jetty anyway", failure);
        }
        LOG.log(Level.INFO, "Weld stopped after " + millisSince(begin) + " ms; " + drainSummary());
        int runningAtStop = drain == null ? 0 : drain.inFlight();
        try {
            jetty.stop();
        } catch (TimeoutException timedOut) {
            // Jetty has stopped anyway. It waited for connections too, which DrainKit's counts tell from requests.
            JettyStopTimeout verdict = JettyStopTimeout.after(drain, runningAtStop, JETTY_STOP_TIMEOUT);
            clean = clean && !verdict.requestsCut();
            LOG.log(verdict.requestsCut() ? Level.WARNING : Level.INFO, verdict.message());
        } catch (Exception failure) {
            clean = false;
            LOG.log(Level.ERROR, "Jetty's stop failed", failure);
        }
        if (telemetry != null) {
            // Last: the drain's figures stay on the metrics endpoint until the process goes.
            telemetry.close();
        }
        LOG.log(
                Level.INFO,
                "Jetty stopped after " + millisSince(begin) + " ms; shutdown "
                        + (clean ? "complete" : "failed, exit status 1"));
        if (!clean) {
            Runtime.getRuntime().halt(1);
        }
    }

    private String drainSummary() {
        if (drain == null) {
            return "DrainKit is disabled";
        }
        return drain.report().map(EmbeddedServer::describe).orElse("no drain report (state " + drain.state() + ")");
    }

    private static String describe(DrainReport report) {
        return "drain by " + report.trigger() + " took " + report.duration().toMillis() + " ms, "
                + report.requestsServed() + " request(s) served while draining, "
                + (report.deadlineReached() ? report.inFlightAtEnd() + " cut at the deadline" : "none cut");
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.jetty;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;

import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainListener;
import io.drainkit.impl.DrainMessages;

/**
 * Sends every HTTP/2 connection of the Jetty server a graceful GOAWAY while the application drains: Jetty's
 * {@link HTTP2Session#shutdown()}, which sends a GOAWAY with the last stream id 2^31-1 and no error (no new stream,
 * please; those in flight go on), then the final GOAWAY, naming the last stream it took, when its last stream has ended,
 * and closes the connection. An HTTP/2 client (or a load balancer that speaks HTTP/2 to its backends) opens its next
 * connection, which the load balancer gives to another pod, while every stream in flight completes: the HTTP/2
 * counterpart of the {@code Connection: close} DrainKit adds to HTTP/1.x responses.
 *
 * <p>From the drain's start to its end, the connectors' connected end points are swept every {@link #SWEEP} (on a
 * daemon thread of its own, never on the drain's): busy and idle connections alike, and those opened during the delay
 * once they are one sweep old, so that their first stream has been read (a GOAWAY sent before it would refuse it).
 * Idempotent: a session already closing is left alone, which also keeps several DrainKit applications on one server
 * from telling a connection twice.
 *
 * <p>Off with {@code drainkit.connection-close=false}, which asks DrainKit to tell no client to reconnect.
 *
 * <p>Jetty sends the final GOAWAY as soon as an idle connection's graceful one is written, not a round trip later as
 * RFC 9113 section 6.8 suggests: a stream the client opened in that instant is refused unprocessed, which a client may
 * retry safely (Jetty's own stop does the same).
 */
final class Http2GoAway implements DrainListener, AutoCloseable {

    /** How often the connections are swept while draining, and how old a connection must be to be told. */
    static final Duration SWEEP = Duration.ofMillis(500);

    private final Server server;
    private final DrainCoordinator coordinator;
    private final AtomicReference<ScheduledExecutorService> sweeping = new AtomicReference<>();
    private volatile boolean closed;

    private Http2GoAway(Server server, DrainCoordinator coordinator) {
        this.server = server;
        this.coordinator = coordinator;
    }

    /**
     * @param coordinator the application's drain; called while the Jetty context handler starts the application
     * @return what removes it, at undeploy
     * @throws IllegalStateException if the application is not being started by a Jetty context handler
     * @throws LinkageError          if Jetty 12 or its HTTP/2 classes are absent
     */
    static Http2GoAway install(DrainCoordinator coordinator) {
        // Loads the HTTP/2 classes now: a server without them fails here, once, not in the drain.
        Objects.requireNonNull(HTTP2Connection.class);
        ContextHandler context = ContextHandler.getCurrentContextHandler();
        if (context == null || context.getServer() == null) {
            throw new IllegalStateException("the application is not started by a Jetty 12 context handler");
        }
        Http2GoAway goAway = new Http2GoAway(context.getServer(), coordinator);
        // drainkit.connection-close=false asks DrainKit to tell no client to reconnect: no GOAWAY either.
        if (coordinator.settings().connectionClose()) {
            coordinator.addListener(goAway);
        }
        return goAway;
    }

    @Override
    public void drainStarted(DrainStarted event) {
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "drainkit-http2-goaway");
            thread.setDaemon(true);
            return thread;
        });
        if (sweeping.compareAndSet(null, sweeper)) {
            sweeper.scheduleWithFixedDelay(this::sweep, 0, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            sweeper.shutdown();
        }
        // Undeployed meanwhile: no drainCompleted will come to stop it.
        if (closed) {
            stopSweeping();
        }
    }

    @Override
    public void drainCompleted(DrainReport report) {
        stopSweeping();
    }

    @Override
    public void close() {
        closed = true;
        coordinator.removeListener(this);
        stopSweeping();
    }

    private void stopSweeping() {
        ScheduledExecutorService sweeper = sweeping.getAndSet(null);
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    private void sweep() {
        long bornBefore = System.currentTimeMillis() - SWEEP.toMillis();
        int told = 0;
        try {
            for (Connector connector : server.getConnectors()) {
                for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                    if (endPoint.getCreatedTimeStamp() <= bornBefore && goAway(endPoint.getConnection())) {
                        told++;
                    }
                }
            }
        } catch (RuntimeException failure) {
            DrainMessages.observerFailed("DrainStarted (" + getClass().getSimpleName() + ")", failure);
        }
        if (told > 0) {
            DrainMessages.http2GoAwaySent(told, coordinator.application());
        }
    }

    private static boolean goAway(Connection connection) {
        if (!(connection instanceof HTTP2Connection http2)) {
            return false;
        }
        HTTP2Session session = http2.getSession();
        if (session.isClosed()) {
            return false;
        }
        session.shutdown();
        return true;
    }
}

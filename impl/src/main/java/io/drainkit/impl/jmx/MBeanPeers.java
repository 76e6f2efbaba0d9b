// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.jmx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainMessages;
import io.drainkit.impl.DrainPeers;

/**
 * The other DrainKit applications of this JVM whose scope is {@code server}, found and driven through their MBeans
 * ({@link DrainControlMBean}) only by attribute and operation names and JDK types: they share no class with this one.
 */
final class MBeanPeers implements DrainPeers {

    private final MBeanServer server;
    private final ObjectName self;

    MBeanPeers(MBeanServer server, ObjectName self) {
        this.server = server;
        this.self = self;
    }

    @Override
    public List<Peer> takingPart() {
        List<Peer> peers = new ArrayList<>();
        try {
            for (ObjectName name :
                    server.queryNames(new ObjectName(DrainControlMBean.OBJECT_NAME_PREFIX + ",*"), null)) {
                if (!name.equals(self) && "server".equals(server.getAttribute(name, "Scope"))) {
                    peers.add(new MBeanPeer(
                            server,
                            name,
                            (String) server.getAttribute(name, "Application"),
                            Duration.ofMillis((Long) server.getAttribute(name, "DelayMillis")),
                            Duration.ofMillis((Long) server.getAttribute(name, "TimeoutMillis"))));
                }
            }
        } catch (JMException | RuntimeException unreadable) {
            // An application undeployed while we looked, or a peer we cannot read: drain those we could find.
            DrainMessages.peerUnreachable(String.valueOf(unreadable.getMessage()), unreadable);
        }
        return peers;
    }

    /** One peer, through its MBean. */
    private static final class MBeanPeer implements Peer {
        private final MBeanServer server;
        private final ObjectName name;
        private final String application;
        private final Duration delay;
        private final Duration timeout;

        MBeanPeer(MBeanServer server, ObjectName name, String application, Duration delay, Duration timeout) {
            this.server = server;
            this.name = name;
            this.application = application;
            this.delay = delay;
            this.timeout = timeout;
        }

        @Override
        public String application() {
            return application;
        }

        @Override
        public Duration delay() {
            return delay;
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public CompletionStage<ApplicationDrain> join(
                DrainTrigger trigger, long startNanos, Duration sharedDelay, Duration sharedTimeout) {
            CompletableFuture<ApplicationDrain> ended = new CompletableFuture<>();
            NotificationListener listener = (Notification notification, Object handback) -> {
                if (DrainControlMBean.COMPLETED.equals(notification.getType())) {
                    ended.complete(now());
                }
            };
            try {
                // Listen before starting it, so that its end cannot come unheard.
                server.addNotificationListener(name, listener, null, null);
                ended.whenComplete((outcome, failure) -> removeListener(listener));
                server.invoke(
                        name,
                        "join",
                        new Object[] {trigger.name(), startNanos, sharedDelay.toMillis(), sharedTimeout.toMillis()},
                        new String[] {String.class.getName(), "long", "long", "long"});
                if (DrainState.DRAINED.name().equals(server.getAttribute(name, "State"))) {
                    ended.complete(now());
                }
            } catch (JMException unreachable) {
                throw new IllegalStateException(unreachable);
            }
            return ended;
        }

        @Override
        public ApplicationDrain now() {
            try {
                DrainState state = DrainState.valueOf((String) server.getAttribute(name, "State"));
                long served = (Long) server.getAttribute(name, "ServedWhileDraining");
                int inFlight =
                        (Integer) server.getAttribute(name, state == DrainState.DRAINED ? "CutAtDeadline" : "InFlight");
                return new ApplicationDrain(application, state, served, inFlight);
            } catch (JMException | RuntimeException gone) {
                // Undeployed during the drain: nothing of it is left to report.
                return new ApplicationDrain(application, DrainState.DRAINED, 0, 0);
            }
        }

        private void removeListener(NotificationListener listener) {
            try {
                server.removeNotificationListener(name, listener);
            } catch (JMException alreadyGone) {
                // the peer was undeployed: its listeners went with it
            }
        }
    }
}

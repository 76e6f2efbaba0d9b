// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.jmx;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainListener;
import io.drainkit.impl.DrainMessages;
import io.drainkit.impl.DrainPeers;
import io.drainkit.impl.DrainSettings;
import io.drainkit.impl.ReportJson;

/**
 * The MBean of one application's drain (see {@link DrainControlMBean}), and its registration: registered when the
 * servlet container starts the application, unregistered when it destroys it.
 */
public final class DrainControl implements DrainControlMBean, DrainListener {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final DrainCoordinator coordinator;
    private final NotificationBroadcasterSupport notifications =
            new NotificationBroadcasterSupport(new MBeanNotificationInfo(
                    new String[] {COMPLETED}, Notification.class.getName(), "the application's drain has ended"));
    private ObjectName name;

    private DrainControl(DrainCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * Registers the application's MBean in the platform MBeanServer and, with {@code drainkit.scope=server}, lets its
     * drain start and wait for the other applications'.
     *
     * @param coordinator the application's drain, already named
     * @return the registration, to {@link #unregister()} when the application stops; never fails: without JMX the
     *         application drains alone
     */
    public static DrainControl register(DrainCoordinator coordinator) {
        DrainControl control = new DrainControl(coordinator);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = nameFor(coordinator.application(), "");
            try {
                server.registerMBean(
                        new StandardEmitterMBean(control, DrainControlMBean.class, control.notifications), name);
            } catch (InstanceAlreadyExistsException sameContextPath) {
                // Two applications with one context path (another virtual host): tell them apart.
                name = nameFor(coordinator.application(), ",instance=" + SEQUENCE.incrementAndGet());
                server.registerMBean(
                        new StandardEmitterMBean(control, DrainControlMBean.class, control.notifications), name);
            }
            control.name = name;
            coordinator.addListener(control);
            if (coordinator.settings().scope() == DrainSettings.Scope.SERVER) {
                coordinator.drainWith(new MBeanPeers(server, name));
            }
        } catch (JMException | RuntimeException unavailable) {
            DrainMessages.mbeanUnavailable(coordinator.application(), unavailable);
        }
        return control;
    }

    /** Unregisters the MBean; the application no longer takes part in other applications' drains. */
    public void unregister() {
        coordinator.removeListener(this);
        coordinator.drainWith(DrainPeers.NONE);
        if (name != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
            } catch (JMException alreadyGone) {
                // nothing left to remove
            }
        }
    }

    private static ObjectName nameFor(String application, String suffix) throws JMException {
        return new ObjectName(OBJECT_NAME_PREFIX + ",application=" + ObjectName.quote(application) + suffix);
    }

    @Override
    public void drainCompleted(DrainReport report) {
        Notification completed = new Notification(
                COMPLETED,
                name,
                SEQUENCE.incrementAndGet(),
                "the drain of '" + coordinator.application() + "' has ended");
        completed.setUserData(coordinator.application());
        notifications.sendNotification(completed);
    }

    @Override
    public int getInterfaceVersion() {
        return INTERFACE_VERSION;
    }

    @Override
    public String getApplication() {
        return coordinator.application();
    }

    @Override
    public String getState() {
        return coordinator.state().name();
    }

    @Override
    public String getScope() {
        return coordinator.settings().scope().name().toLowerCase(Locale.ROOT);
    }

    @Override
    public int getInFlight() {
        return coordinator.inFlight();
    }

    @Override
    public long getServedWhileDraining() {
        return coordinator.outcome().requestsServed();
    }

    @Override
    public int getCutAtDeadline() {
        return coordinator.report().map(DrainReport::inFlightAtEnd).orElse(0);
    }

    @Override
    public long getDelayMillis() {
        return coordinator.settings().delay().toMillis();
    }

    @Override
    public long getTimeoutMillis() {
        return coordinator.settings().timeout().toMillis();
    }

    @Override
    public String getLastReport() {
        return coordinator.report().map(ReportJson::of).orElse("");
    }

    @Override
    public void start() {
        coordinator.start(DrainTrigger.JMX);
    }

    @Override
    public void join(String trigger, long startNanos, long delayMillis, long timeoutMillis) {
        DrainTrigger known;
        try {
            known = DrainTrigger.valueOf(trigger);
        } catch (IllegalArgumentException fromANewerVersion) {
            known = DrainTrigger.PEER;
        }
        coordinator.join(known, startNanos, Duration.ofMillis(delayMillis), Duration.ofMillis(timeoutMillis));
    }
}

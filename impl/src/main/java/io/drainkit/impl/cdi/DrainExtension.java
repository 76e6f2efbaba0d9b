// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Shutdown;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.interceptor.Interceptor;

import io.drainkit.Drain;
import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.LongLivedConnections;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainMessages;
import io.drainkit.impl.DrainMetrics;
import io.drainkit.impl.DrainParticipants;
import io.drainkit.impl.DrainRegistry;
import io.drainkit.impl.InvalidSettingsException;
import io.drainkit.impl.ServerStopDrain;
import io.drainkit.impl.health.MicroProfileHealth;
import io.drainkit.impl.telemetry.OpenTelemetryMetrics;
import io.drainkit.spi.DrainParticipant;

/**
 * DrainKit's CDI side. Registers its beans itself (the {@link Drain} handle, the {@link LongLivedConnections}, and
 * the readiness check where MicroProfile Health is present), so it works whatever the archive's bean-discovery mode;
 * turns bad configuration into a deployment problem; adds the interceptor of {@link io.drainkit.Drained} and brings
 * the application's {@link DrainParticipant} beans into the drain; and at the earliest container-shutdown event drains
 * the application before its beans go away.
 *
 * <p>Never throws into the container's shutdown: a failing drain is logged and the shutdown goes on.
 */
public final class DrainExtension implements Extension {

    private DrainCoordinator coordinator;
    private InvalidSettingsException invalidSettings;
    /** Whether DrainKit is enabled in this application: decided once, when the container starts. */
    private boolean active;

    private CdiDrainEvents events;
    private DrainParticipants participants;
    /**
     * The application's participant beans, as the container discovers them: asking its BeanManager at the drain
     * finds none on Payara, where a jar in WEB-INF/lib does not see the beans of WEB-INF/classes.
     */
    private final List<Bean<?>> participantBeans = new CopyOnWriteArrayList<>();

    void claimApplicationDrain(@Observes BeforeBeanDiscovery discovery) {
        try {
            coordinator = DrainRegistry.forCdiContainer(Thread.currentThread().getContextClassLoader());
        } catch (InvalidSettingsException invalid) {
            invalidSettings = invalid;
            return;
        }
        // The one place this side asks: a disabled application gets its Drain bean, and nothing else of DrainKit.
        active = coordinator.settings().enabled();
        if (active && MicroProfileHealth.isPresent()) {
            MicroProfileHealth.addReadinessCheck(discovery);
        }
        if (active) {
            // Its jar's classes are excluded from discovery: registered here, enabled by its @Priority.
            discovery.addAnnotatedType(DrainedInterceptor.class, DrainedInterceptor.class.getName());
        }
    }

    void findParticipants(@Observes ProcessBean<?> discovered) {
        if (discovered.getBean().getTypes().contains(DrainParticipant.class)) {
            participantBeans.add(discovered.getBean());
        }
    }

    void addDrainBeans(@Observes AfterBeanDiscovery discovery) {
        // Added even when the settings are invalid: the container validates injection points before
        // AfterDeploymentValidation, so without the beans an application's @Inject Drain would fail the deployment
        // as an unsatisfied dependency and hide the message that names the bad key.
        DrainCoordinator drain = coordinator;
        addBean(discovery, Drain.class, () -> drain);
        addBean(discovery, LongLivedConnections.class, () -> DrainRegistry.longLivedConnections(drain));
    }

    private <T> void addBean(AfterBeanDiscovery discovery, Class<T> type, Supplier<T> instance) {
        InvalidSettingsException invalid = invalidSettings;
        discovery
                .addBean()
                .id(type.getName())
                .beanClass(DrainExtension.class)
                .types(type, Object.class)
                .createWith(context -> {
                    if (invalid != null) {
                        // Not reached: the deployment fails at AfterDeploymentValidation.
                        throw invalid;
                    }
                    return instance.get();
                });
    }

    void failDeploymentOnInvalidSettings(@Observes AfterDeploymentValidation validation, BeanManager beanManager) {
        if (invalidSettings != null) {
            validation.addDeploymentProblem(invalidSettings);
        } else if (active) {
            events = new CdiDrainEvents(beanManager);
            coordinator.addListener(events);
            participants = new DrainParticipants(coordinator.work(), () -> participantBeans.stream()
                    .map(bean -> (DrainParticipant) beanManager.getReference(
                            bean, DrainParticipant.class, beanManager.createCreationalContext(bean)))
                    .toList());
            coordinator.addListener(participants);
        }
    }

    void createParticipantsWithTheApplication(@Observes @Initialized(ApplicationScoped.class) Object application) {
        if (participants != null) {
            participants.createWithTheApplication();
        }
    }

    void recordMetricsWhereOpenTelemetryIs(@Observes AfterDeploymentValidation validation, BeanManager beanManager) {
        if (active && invalidSettings == null) {
            coordinator.recordWith(OpenTelemetryMetrics.forApplication(beanManager, coordinator));
        }
    }

    private static Duration left(long untilNanos) {
        return Duration.ofNanos(Math.max(0, untilNanos - System.nanoTime()));
    }

    /**
     * CDI 4's {@code Shutdown} event comes first in Weld (before {@code @BeforeDestroyed(ApplicationScoped)}):
     * observed at the earliest priority so that the application's own {@code Shutdown} observers run after the
     * drain, with its requests done.
     */
    void drainBeforeShutdownEvent(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) Shutdown shutdown) {
        drainBeforeShutdown(shutdown);
    }

    void drainBeforeShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object application) {
        if (!active) {
            return;
        }
        try {
            if (coordinator.state() != DrainState.DRAINED) {
                // Joins the drain if one runs (a preStop call, or the other shutdown event).
                coordinator.start(DrainTrigger.CONTAINER_SHUTDOWN);
            }
            Duration bound = coordinator.waitLimit(ServerStopDrain.MARGIN);
            long waitUntil = System.nanoTime() + bound.toNanos();
            Optional<DrainReport> report = coordinator.awaitDrained(left(waitUntil));
            if (report.isPresent()) {
                // The application's observers run while its beans are alive, within what is left of the wait.
                events.completedBeforeShutdown(report.get(), left(waitUntil));
            } else {
                DrainMessages.shutdownWaitEnded(bound);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError failure) {
            DrainMessages.shutdownDrainFailed(failure);
        } finally {
            coordinator.removeListener(events);
            coordinator.removeListener(participants);
            // Once: the second shutdown event finds NONE. The drain's figures are recorded; the SDK exports them when
            // the container shuts it down.
            DrainMetrics metrics = coordinator.metrics();
            coordinator.recordWith(DrainMetrics.NONE);
            metrics.close();
        }
    }
}

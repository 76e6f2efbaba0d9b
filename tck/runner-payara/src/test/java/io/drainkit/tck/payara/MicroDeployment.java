// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.payara;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.arquillian.container.spi.context.annotation.DeploymentScoped;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.container.spi.event.UnDeployDeployment;
import org.jboss.arquillian.core.api.InstanceProducer;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Fixes two things the Payara Micro managed adapter (3.1) reports about a deployment, around its own deploy, which
 * starts one Payara Micro JVM per archive and reads that JVM's "Instance Configuration" output:
 *
 * <ul>
 * <li><b>Loopback.</b> The adapter takes the host from that output, where Payara Micro names the machine's first
 * non-loopback address, although the HTTP listener is bound to 127.0.0.1 ({@code arquillian.xml}). The URLs the
 * tests get would send test traffic off loopback (and fail). This observer replaces the host with
 * {@value #LOOPBACK}, keeping the port and the servlets.</li>
 * <li><b>A failed deployment.</b> When the application fails to start, Payara Micro logs the error, boots anyway
 * with nothing deployed, and the adapter reports success with no servlets. This observer reads Payara Micro's
 * deployment summary itself, to the end of the boot (the adapter parses a copy of the output that can end in the
 * middle of it, and then reports no servlets for an application that was deployed). If the archive's context root
 * is not in it, the observer stops that Payara Micro (the adapter's undeploy) and fails the deployment with
 * Payara's {@code SEVERE} messages, which carry the application's own exception message.</li>
 * <li><b>Stopped means stopped.</b> The adapter undeploys by sending SIGTERM to that JVM and returns at once. A
 * Payara Micro that still drains would overlap the next test class's one (two JVMs on two cores) or outlive the
 * build. This observer waits until the JVM has exited, and kills it if it is still there after
 * {@link #EXIT_LIMIT} (longer than any TCK deployment's drain deadline plus Payara's own stop).</li>
 * </ul>
 *
 * <p>Its precedence is below that of Arquillian's own handlers of {@link DeployDeployment}, so it runs inside the
 * deployment's context, where the adapter's {@link ProtocolMetaData} is published.
 */
public final class MicroDeployment {

    static final String LOOPBACK = "127.0.0.1";

    static final Duration EXIT_LIMIT = Duration.ofSeconds(90);
    /** From the start of the deployment summary, which the adapter waits for, to the end of the boot. */
    static final Duration READY_LIMIT = Duration.ofSeconds(30);

    private static final Logger LOG = Logger.getLogger(MicroDeployment.class.getName());

    @Inject
    @DeploymentScoped
    private InstanceProducer<ProtocolMetaData> protocolMetaData;

    void deployOnLoopback(@Observes(precedence = -100) EventContext<DeployDeployment> deployment) throws Exception {
        DeployDeployment event = deployment.getEvent();
        Archive<?> archive = event.getDeployment().getDescription().getArchive();
        String contextRoot = "/" + archive.getName().replaceFirst("\\.war$", "");

        MicroOutput output = MicroOutput.capture();
        boolean ready;
        try {
            deployment.proceed();
            ready = output.awaitReady(READY_LIMIT);
        } finally {
            output.release();
        }

        Optional<HTTPContext> reported =
                Optional.ofNullable(protocolMetaData.get()).map(metaData -> metaData.getContext(HTTPContext.class));
        if (reported.isEmpty() || !ready || !output.lists(contextRoot)) {
            event.getDeployableContainer().undeploy(archive);
            awaitExit();
            String errors = output.severeMessages();
            throw new DeploymentException("Payara Micro did not deploy " + archive.getName() + " at " + contextRoot
                    + (ready ? "" : " (its boot did not end within " + READY_LIMIT.toSeconds() + " s)")
                    + (errors.isEmpty() ? "; it logged no error" : ": " + errors));
        }
        HTTPContext loopback = new HTTPContext(LOOPBACK, reported.get().getPort());
        for (Servlet servlet : reported.get().getServlets()) {
            loopback.add(new Servlet(servlet.getName(), servlet.getContextRoot()));
        }
        if (loopback.getServlets().isEmpty()) {
            // The adapter parsed a summary cut short (see MicroOutput#awaitReady); the URL needs the context root only.
            loopback.add(new Servlet(archive.getName(), contextRoot));
        }
        protocolMetaData.set(new ProtocolMetaData().addContext(loopback));
        LOG.info(() -> "DrainKit TCK: " + archive.getName() + " is tested at http://" + LOOPBACK + ":"
                + loopback.getPort() + contextRoot + "/ (Payara Micro reported host "
                + reported.get().getHost() + ")");
    }

    void awaitTheServerExit(@Observes(precedence = -100) EventContext<UnDeployDeployment> undeployment)
            throws InterruptedException {
        undeployment.proceed();
        awaitExit();
    }

    private static void awaitExit() throws InterruptedException {
        for (ProcessHandle micro : payaraMicroProcesses()) {
            try {
                micro.onExit().get(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                LOG.warning(() -> "Payara Micro (pid " + micro.pid() + ") still runs " + EXIT_LIMIT.toSeconds()
                        + " s after SIGTERM: killing it");
                micro.destroyForcibly();
            } catch (ExecutionException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    /** @return the Payara Micro JVMs this test JVM started that are still running or stopping */
    private static List<ProcessHandle> payaraMicroProcesses() {
        return ProcessHandle.current()
                .children()
                .filter(child -> child.info().commandLine().orElse("").contains("payara-micro"))
                .collect(Collectors.toList());
    }
}

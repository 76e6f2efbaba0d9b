// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.jetty;

import org.eclipse.jetty.deploy.App;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.event.DeployDeployment;
import org.jboss.arquillian.core.api.Instance;
import org.jboss.arquillian.core.api.annotation.Inject;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.EventContext;

/**
 * Reports why Jetty could not start a deployment. Jetty logs a web application's startup failure and marks it
 * unavailable; the adapter (arquillian-jetty-embedded-12-ee10 2.0.0.Final) then fails with a
 * {@code NullPointerException} of its own, so the {@link DeploymentException} a test sees does not say what
 * went wrong. This interceptor rethrows it with {@link WebAppContext#getUnavailableException()} as the cause,
 * and takes the failed application out of Jetty, as Arquillian will not undeploy it.
 *
 * <p>Its precedence is below that of Arquillian's own handlers of {@link DeployDeployment}, so it runs inside
 * the deployment's context, where the adapter has published the {@link App}.
 */
public final class DeploymentFailureCause {

    @Inject
    private Instance<App> app;

    void reportTheCause(@Observes(precedence = -100) EventContext<DeployDeployment> deployment) throws Exception {
        try {
            deployment.proceed();
        } catch (Exception failure) { // proceed() throws the adapter's checked exceptions without declaring them
            Throwable cause = failure instanceof DeploymentException ? unavailableCause() : null;
            if (cause == null) {
                throw failure;
            }
            undeployFailedApp();
            DeploymentException reported = new DeploymentException(
                    "Could not deploy "
                            + deployment
                                    .getEvent()
                                    .getDeployment()
                                    .getDescription()
                                    .getName() + ": " + cause,
                    cause);
            reported.addSuppressed(failure);
            throw reported;
        }
    }

    private Throwable unavailableCause() throws Exception {
        App failed = app.get();
        if (failed == null) {
            return null;
        }
        ContextHandler handler = failed.getContextHandler();
        return handler instanceof WebAppContext ? ((WebAppContext) handler).getUnavailableException() : null;
    }

    private void undeployFailedApp() {
        App failed = app.get();
        try {
            failed.getDeploymentManager().removeApp(failed);
        } catch (RuntimeException cleanupFailed) {
            // The server stops at the end of the run anyway; the cause above is what the test needs.
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.jetty;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * {@code GET /health/ready}: MicroProfile Health readiness, as an application on embedded Jetty serves it with
 * SmallRye Health (which has no servlet of its own). 200 when UP, 503 when DOWN, the JSON document either way.
 *
 * <p>Runs inside each test WAR (declared in the {@code web-fragment.xml} of the jar {@link HealthEndpointLibrary} adds),
 * never on the test class path, where SmallRye Health is absent.
 */
public final class HealthReadinessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SmallRyeHealthReporter reporter;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SmallRyeHealth readiness = reporter.getReadiness();
        response.setStatus(readiness.isDown() ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        reporter.reportHealth(response.getOutputStream(), readiness);
    }
}

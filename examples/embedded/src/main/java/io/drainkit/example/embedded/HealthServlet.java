// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;

/**
 * MicroProfile Health's endpoints on the application port, answered by SmallRye Health's reporter:
 * {@code /health}, {@code /health/ready}, {@code /health/live}, {@code /health/started}; 200 when UP, 503 when
 * DOWN. DrainKit's {@code @Readiness} check {@code drainkit} shows up in {@code /health/ready}.
 */
final class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SmallRyeHealthReporter reporter;

    /**
     * @param reporter the container's reporter (a client proxy: it keeps working while Weld shuts down and
     *                 DrainKit drains, until the application context is destroyed)
     */
    HealthServlet(SmallRyeHealthReporter reporter) {
        this.reporter = reporter;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String kind = request.getPathInfo() == null ? "/" : request.getPathInfo();
        SmallRyeHealth health;
        switch (kind) {
            case "/":
                health = reporter.getHealth();
                break;
            case "/ready":
                health = reporter.getReadiness();
                break;
            case "/live":
                health = reporter.getLiveness();
                break;
            case "/started":
                health = reporter.getStartup();
                break;
            default:
                response.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
        }
        response.setStatus(health.isDown() ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        reporter.reportHealth(response.getOutputStream(), health);
    }
}

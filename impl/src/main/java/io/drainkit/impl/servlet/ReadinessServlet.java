// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.drainkit.DrainState;
import io.drainkit.impl.DrainCoordinator;

/**
 * {@code GET /drainkit/ready}: 200 {@code {"status":"UP"}} while serving, 503 {@code {"status":"DOWN"}} from
 * the trigger on. For runtimes without MicroProfile Health, and for load balancers that probe the
 * application's own port.
 */
public final class ReadinessServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient DrainCoordinator coordinator;

    /** @param coordinator the application's drain */
    public ReadinessServlet(DrainCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean up = coordinator.state() == DrainState.SERVING;
        response.setStatus(up ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        Json.write(response, up ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}");
    }
}

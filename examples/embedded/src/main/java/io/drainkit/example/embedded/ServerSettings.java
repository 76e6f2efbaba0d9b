// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import java.util.Map;

/**
 * Where the example listens: the port from the first argument, else {@code PORT}, else 8080 ({@code 0} picks a
 * free port); the address from {@code HOST}, else 127.0.0.1; the Prometheus endpoint of DrainKit's metrics on
 * {@code METRICS_PORT}, else 9464 ({@code 0} or {@code off}: no metrics). DrainKit's own settings are not here:
 * DrainKit reads them itself through MicroProfile Config ({@code DRAINKIT_DELAY}, ...).
 *
 * @param host        the address to bind, for the application and the metrics endpoint
 * @param port        the port to bind, 0 for any free one
 * @param metricsPort the metrics endpoint's port, 0 for none
 */
public record ServerSettings(String host, int port, int metricsPort) {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HOST = "127.0.0.1";
    /** The port the OpenTelemetry Prometheus exporter has registered with Prometheus, and uses by default. */
    static final int DEFAULT_METRICS_PORT = 9464;

    /**
     * @param args        the command line
     * @param environment the process environment
     * @return the settings
     * @throws IllegalArgumentException naming the bad value and what is accepted
     */
    public static ServerSettings from(String[] args, Map<String, String> environment) {
        String port = args.length > 0 ? args[0] : environment.get("PORT");
        String host = environment.get("HOST");
        String metricsPort = environment.get("METRICS_PORT");
        return new ServerSettings(
                isBlank(host) ? DEFAULT_HOST : host.trim(),
                isBlank(port)
                        ? DEFAULT_PORT
                        : parsePort(port.trim(), "0 = any free port", "as the first argument or in PORT"),
                isBlank(metricsPort) ? DEFAULT_METRICS_PORT : parseMetricsPort(metricsPort.trim()));
    }

    /** @return whether DrainKit's metrics are served */
    public boolean metricsEnabled() {
        return metricsPort != 0;
    }

    private static int parseMetricsPort(String value) {
        return "off".equalsIgnoreCase(value) ? 0 : parsePort(value, "0 or off = no metrics", "in METRICS_PORT");
    }

    private static int parsePort(String value, String zero, String where) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(
                "port '" + value + "' is not valid: expected 0 to 65535 (" + zero + "), " + where);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}

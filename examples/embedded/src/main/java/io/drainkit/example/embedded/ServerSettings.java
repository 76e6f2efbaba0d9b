package io.drainkit.example.embedded;

import java.util.Map;

/**
 * Where the example listens: the port from the first argument, else {@code PORT}, else 8080 ({@code 0} picks a
 * free port); the address from {@code HOST}, else 127.0.0.1. DrainKit's own settings are not here: DrainKit
 * reads them itself through MicroProfile Config ({@code DRAINKIT_DELAY}, ...).
 *
 * @param host the address to bind
 * @param port the port to bind, 0 for any free one
 */
public record ServerSettings(String host, int port) {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * @param args        the command line
     * @param environment the process environment
     * @return the settings
     * @throws IllegalArgumentException naming the bad value and what is accepted
     */
    public static ServerSettings from(String[] args, Map<String, String> environment) {
        String port = args.length > 0 ? args[0] : environment.get("PORT");
        String host = environment.get("HOST");
        return new ServerSettings(host == null || host.isBlank() ? DEFAULT_HOST : host.trim(),
                port == null || port.isBlank() ? DEFAULT_PORT : parsePort(port.trim()));
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("port '" + value + "' is not valid: expected 0 to 65535"
                + " (0 = any free port), as the first argument or in PORT");
    }
}

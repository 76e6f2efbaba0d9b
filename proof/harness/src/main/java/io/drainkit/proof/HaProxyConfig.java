// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link HaProxy} runs: the mode, the servers behind it and their health check; rendered as haproxy.cfg.
 *
 * @param mode          tcp, http, or http with HTTP/2 (h2c) to the servers
 * @param servers       server name to where it serves and is checked, in order
 * @param checkPath     the readiness path the health check gets; anything but 2xx/3xx marks a server DOWN
 * @param checkInterval time between checks
 * @param fall          consecutive failed checks that mark a server DOWN; one passed check marks it UP again
 */
public record HaProxyConfig(
        HaProxy.Mode mode, Map<String, Backend> servers, String checkPath, Duration checkInterval, int fall) {

    /**
     * @param port        the frontend's port on 127.0.0.1
     * @param adminSocket where HAProxy's runtime API listens (a UNIX socket, level admin)
     * @return the haproxy.cfg text
     */
    public String render(int port, Path adminSocket) {
        String httpOnly = mode == HaProxy.Mode.TCP ? "" : """
                    timeout http-request 10s
                    timeout http-keep-alive 10s
                    # Keep-alive on both sides (HAProxy's default: no http-server-close), and the most aggressive
                    # server-side reuse: any request may go out on any idle connection to its server, as with the
                    # upstream keep-alive of nginx-based ingresses. A server that closes idle connections while it
                    # is still picked fails requests here first.
                    http-reuse always
                """;
        StringBuilder serverLines = new StringBuilder();
        servers.forEach((name, backend) -> serverLines
                .append("    server ")
                .append(name)
                .append(' ')
                .append(backend.host())
                .append(':')
                .append(backend.port())
                .append(" port ")
                .append(backend.checkPort())
                .append(mode == HaProxy.Mode.HTTP2 ? " proto h2" : "")
                .append('\n'));
        return """
                # Written by %s for one test run.
                global
                    log stdout format raw local0 info
                    maxconn 512
                    # The runtime API: a test takes a server out with "disable server", as an endpoint is removed.
                    stats socket %s mode 600 level admin

                defaults
                    mode %s
                    log global
                    # One line per connection (tcp) or request (http) as soon as its server answers: which server
                    # got it, with what status and termination state; and a line for every health check change.
                    option logasap
                    log-format "%s server=%%s status=%%ST term=%%tsc"
                    option log-health-checks
                    # Nothing hides a failure: one attempt per request, on the server it was sent to (no retries,
                    # no "option redispatch").
                    retries 0
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                    timeout check 2s
                %s
                frontend fe
                    bind 127.0.0.1:%d
                    default_backend be

                backend be
                    balance roundrobin
                    option httpchk GET %s
                    default-server check inter %dms fall %d rise 1
                %s""".formatted(
                        HaProxy.class.getName(),
                        adminSocket,
                        mode.keyword(),
                        HaProxy.TRAFFIC,
                        httpOnly,
                        port,
                        checkPath,
                        checkInterval.toMillis(),
                        fall,
                        serverLines);
    }

    /**
     * One server behind the load balancer.
     *
     * @param host      where it listens
     * @param port      its traffic port
     * @param checkPort the port of its readiness endpoint (WildFly's is on the management interface)
     */
    public record Backend(String host, int port, int checkPort) {

        /**
         * @param application the application's base URI on the server
         * @param readiness   its readiness endpoint
         * @return the server
         */
        public static Backend of(URI application, URI readiness) {
            return new Backend(application.getHost(), application.getPort(), readiness.getPort());
        }
    }
}

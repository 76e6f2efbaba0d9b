// SPDX-License-Identifier: Apache-2.0
package io.drainkit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.drainkit.impl.servlet.DrainKitInitializer;

/**
 * The throughput benchmark's server: {@code GET /hello} on embedded Jetty 12 (ee10), on 127.0.0.1, with or without
 * DrainKit. With it, DrainKit is installed exactly as a servlet container installs it from {@code WEB-INF/lib} (its
 * {@code ServletContainerInitializer}), so every request goes through the in-flight filter; without it, the same
 * context has no filter at all. Nothing else differs, so the ratio of the two is what the filter costs.
 *
 * <p>Prints {@code listening on http://127.0.0.1:PORT} once it serves, then runs until killed.
 */
public final class HelloServer {

    private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.US_ASCII);

    private HelloServer() {}

    /**
     * @param args {@code with-drainkit} or {@code without-drainkit}, then optionally the port (default 0: any free one)
     * @throws Exception if Jetty does not start
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !(args[0].equals("with-drainkit") || args[0].equals("without-drainkit"))) {
            System.err.println("usage: HelloServer with-drainkit|without-drainkit [PORT]");
            System.exit(2);
        }
        boolean drainKit = args[0].equals("with-drainkit");
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        if (drainKit) {
            context.addServletContainerInitializer(new DrainKitInitializer());
        }
        context.addServlet(new ServletHolder("hello", new Hello()), "/hello");
        jetty.setHandler(context);
        jetty.start();

        System.out.println("listening on http://127.0.0.1:" + connector.getLocalPort() + " ("
                + (drainKit ? "with" : "without") + " DrainKit)");
        System.out.flush();
        jetty.join();
    }

    /** The cheapest useful servlet: a fixed body with its length, so that the filter's share is as large as it gets. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setContentLength(HELLO.length);
            response.getOutputStream().write(HELLO);
        }
    }
}

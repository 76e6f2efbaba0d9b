// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.manifests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a server's own configuration says about where the application and its health endpoint are served: the
 * manifests must agree with it.
 *
 * @param name        the example's folder under examples/
 * @param httpPort    where the application (and its preStop endpoint) is served
 * @param healthPort  where the server's MicroProfile Health readiness is served
 * @param healthPath  its path
 * @param contextRoot the application's context root
 */
record ServerFacts(String name, int httpPort, int healthPort, String healthPath, String contextRoot) {

    /**
     * WildFly: the example does not move WildFly's sockets ({@code configure-drainkit.cli} sets only the SIGTERM
     * suspend timeout), so the application is on the {@code http} socket binding, 8080, and MicroProfile Health on
     * the management interface, 9990, as {@code standalone-microprofile.xml} binds them; the context root is the
     * WAR's name.
     */
    static ServerFacts wildfly(Path examples) throws Exception {
        String cli = Files.readString(examples.resolve("wildfly/configure-drainkit.cli"));
        if (cli.contains("socket-binding")) {
            throw new AssertionError("configure-drainkit.cli changes socket bindings: teach ServerFacts to read them");
        }
        return new ServerFacts("wildfly", 8080, 9990, "/health/ready", "/drainkit-example");
    }

    /**
     * Payara Micro: its command line in the image ({@code examples/payara/Dockerfile}) says the HTTP port
     * ({@code --port}) and the WAR, whose name is the context root unless {@code --contextroot} says otherwise;
     * MicroProfile Health is server-wide on the HTTP port.
     */
    static ServerFacts payara(Path examples) throws Exception {
        String command = Files.readString(examples.resolve("payara/Dockerfile")).replaceAll("[\\\\\\s\",\\[\\]]+", " ");
        Matcher port = Pattern.compile(" --port (\\d+)").matcher(command);
        Matcher war = Pattern.compile(" --deploy \\S*/([^/ ]+)\\.war").matcher(command);
        if (!port.find() || !war.find() || command.contains("--contextroot")) {
            throw new AssertionError("the Payara Micro command line in the Dockerfile lost --port or --deploy, or sets"
                    + " --contextroot: teach ServerFacts to read it");
        }
        int httpPort = Integer.parseInt(port.group(1));
        return new ServerFacts("payara", httpPort, httpPort, "/health/ready", "/" + war.group(1));
    }

    /**
     * Payara Server: the official image serves HTTP on 8080 and {@code drainkit.asadmin} (its pre-boot commands) must
     * not move it; MicroProfile Health is server-wide on that listener, at the endpoint {@code drainkit.asadmin} sets;
     * the context root is the name of the WAR the Containerfile copies into the image's deploy directory.
     */
    static ServerFacts payaraServer(Path examples) throws Exception {
        String commands = Files.readString(examples.resolve("payara-server/drainkit.asadmin"));
        Matcher endpoint = Pattern.compile("(?m)^set-microprofile-healthcheck-configuration .*--endpoint=(\\S+)")
                .matcher(commands);
        Matcher war = Pattern.compile("(?m)^COPY .*/([^/ ]+)\\.war \\$\\{DEPLOY_DIR}/")
                .matcher(Files.readString(examples.resolve("payara-server/Containerfile")));
        if (commands.contains("network-listener") || !endpoint.find() || !war.find()) {
            throw new AssertionError("drainkit.asadmin moves a listener or no longer sets the health endpoint, or the"
                    + " Containerfile no longer copies a WAR into ${DEPLOY_DIR}: teach ServerFacts to read them");
        }
        return new ServerFacts("payara-server", 8080, 8080, "/" + endpoint.group(1) + "/ready", "/" + war.group(1));
    }

    /** Open Liberty: the HTTP endpoint and the application in {@code server.xml}; health on the HTTP port. */
    static ServerFacts liberty(Path examples) throws Exception {
        Document server = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(examples.resolve("liberty/src/main/liberty/config/server.xml")
                        .toFile());
        int port = Integer.parseInt(resolve(server, attribute(server, "httpEndpoint", "httpPort")));
        return new ServerFacts(
                "liberty", port, port, "/health/ready", attribute(server, "webApplication", "contextRoot"));
    }

    private static String attribute(Document document, String element, String attribute) {
        NodeList elements = document.getElementsByTagName(element);
        if (elements.getLength() != 1) {
            throw new AssertionError("expected one <" + element + "> in the server configuration");
        }
        return ((Element) elements.item(0)).getAttribute(attribute);
    }

    /** Resolves {@code ${name}} against the document's {@code <variable name=... defaultValue=...>} elements. */
    private static String resolve(Document document, String value) {
        if (!value.startsWith("${")) {
            return value;
        }
        String name = value.substring(2, value.length() - 1);
        NodeList variables = document.getElementsByTagName("variable");
        for (int i = 0; i < variables.getLength(); i++) {
            Element variable = (Element) variables.item(i);
            if (name.equals(variable.getAttribute("name"))) {
                return variable.getAttribute("defaultValue");
            }
        }
        throw new AssertionError("variable " + name + " has no default in the server configuration");
    }
}

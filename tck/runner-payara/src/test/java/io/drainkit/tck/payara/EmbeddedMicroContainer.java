// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.payara;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.jboss.arquillian.container.spi.client.container.DeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.container.LifecycleException;
import org.jboss.arquillian.container.spi.client.protocol.ProtocolDescription;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.descriptor.api.Descriptor;

import fish.payara.micro.BootstrapException;
import fish.payara.micro.PayaraMicro;
import fish.payara.micro.PayaraMicroRuntime;

/**
 * One Payara Micro in the test JVM, through its own API ({@link PayaraMicro}, {@link PayaraMicroRuntime}), which
 * deploys and undeploys applications while it runs: what the managed adapter cannot do (it undeploys by stopping the
 * Payara Micro JVM it started for the archive, payara/Payara#2246). So the scenarios with several deployments on one
 * server run on Payara Micro here: {@code DrainOnUndeployTest} (the second deployment undeployed while a request is in
 * flight) and the {@code several-applications} ones.
 *
 * <p>HTTP on a free port of 127.0.0.1 only (a pre-boot command), no Hazelcast. Used by the runner's second test run
 * only (see {@code pom.xml}); not thread-safe, as Arquillian calls it from one thread.
 */
public final class EmbeddedMicroContainer implements DeployableContainer<EmbeddedMicroConfiguration> {

    static final String LOOPBACK = "127.0.0.1";

    private static final String GLASSFISH_WEB_XML = "WEB-INF/glassfish-web.xml";
    private static final String APPLICATION_CLASSES_FIRST =
            "<glassfish-web-app><class-loader delegate=\"false\"/>" + "</glassfish-web-app>";

    private EmbeddedMicroConfiguration configuration;
    private PayaraMicroRuntime runtime;
    private int port;

    @Override
    public Class<EmbeddedMicroConfiguration> getConfigurationClass() {
        return EmbeddedMicroConfiguration.class;
    }

    @Override
    public void setup(EmbeddedMicroConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public void start() throws LifecycleException {
        try {
            port = freeLoopbackPort();
            runtime = PayaraMicro.getInstance()
                    .setRootDir(new File(configuration.getRootDir()))
                    .setHttpPort(port)
                    .setPreBootHandler(commands -> commands.run(
                            "set",
                            "configs.config.server-config.network-config"
                                    + ".network-listeners.network-listener.http-listener.address=" + LOOPBACK))
                    // No Hazelcast at all: in a JVM without a network address besides loopback, its clustered config
                    // source blocked the first MicroProfile Config lookup of the deployment (DrainKit's) for minutes.
                    .setNoHazelcast(true)
                    .bootStrap();
        } catch (BootstrapException | IOException failed) {
            throw new LifecycleException("Payara Micro did not start", failed);
        }
    }

    @Override
    public void stop() throws LifecycleException {
        try {
            if (runtime != null) {
                runtime.shutdown();
            }
        } catch (BootstrapException failed) {
            throw new LifecycleException("Payara Micro did not stop", failed);
        }
    }

    @Override
    public ProtocolDescription getDefaultProtocol() {
        // Every TCK deployment is testable = false: nothing runs inside the server but the deployments' servlets.
        return new ProtocolDescription("Local");
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        String name = applicationName(archive);
        // The TCK's own classes are on this JVM's class path too (the tests need them), and Payara's class loaders ask
        // the class path first: the application must load its WEB-INF classes itself, where it sees Payara's CDI.
        // (No TCK deployment has one of its own; a redeployed archive has this one from its first deployment.)
        if (!archive.contains(GLASSFISH_WEB_XML)) {
            archive.add(new StringAsset(APPLICATION_CLASSES_FIRST), GLASSFISH_WEB_XML);
        }
        boolean deployed;
        try (InputStream war = archive.as(ZipExporter.class).exportAsInputStream()) {
            deployed = runtime.deploy(name, name, war);
        } catch (IOException failed) {
            throw new DeploymentException("Could not export " + archive.getName(), failed);
        }
        if (!deployed) {
            throw new DeploymentException("Payara Micro did not deploy " + archive.getName() + "; its log says why");
        }
        HTTPContext context = new HTTPContext(LOOPBACK, port);
        context.add(new Servlet(name, "/" + name));
        return new ProtocolMetaData().addContext(context);
    }

    @Override
    public void undeploy(Archive<?> archive) {
        runtime.undeploy(applicationName(archive));
    }

    @Override
    public void deploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed by the DrainKit TCK");
    }

    @Override
    public void undeploy(Descriptor descriptor) {
        throw new UnsupportedOperationException("descriptors are not deployed by the DrainKit TCK");
    }

    /** @return the archive's name without {@code .war}: the application's name and context root, as Payara's default */
    private static String applicationName(Archive<?> archive) {
        return archive.getName().replaceFirst("\\.war$", "");
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

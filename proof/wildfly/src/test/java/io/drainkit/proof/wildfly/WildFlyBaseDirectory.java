// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.drainkit.proof.ProcessServer;
import io.drainkit.proof.ServerDirectory;

/**
 * A server's own base directory ({@code jboss.server.base.dir}), as a new pod has it: a copy of the unpacked server's
 * {@code standalone/configuration} and the WARs in {@code deployments/}, and nothing else: no data (the broker's journal,
 * the transaction log) and no log of an earlier run.
 */
final class WildFlyBaseDirectory {

    private WildFlyBaseDirectory() {}

    /**
     * @param home          the unpacked, configured server
     * @param workDir       where the base directory ({@code standalone/}) goes (emptied first)
     * @param configuration the configuration file the server starts with
     * @param war           the WAR to deploy
     * @param names         the file names it is deployed under ({@code drainkit-example.war}, ...)
     * @return the base directory
     * @throws IOException if it cannot be written
     */
    static Path create(Path home, Path workDir, String configuration, Path war, List<String> names) throws IOException {
        Path baseDir = workDir.resolve("standalone");
        ServerDirectory.delete(workDir);
        // The configuration only: whatever else a run of the unpacked server left (deployments, data, logs) stays
        // there.
        ServerDirectory.copy(home.resolve("standalone/configuration"), baseDir.resolve("configuration"));
        if (configuration.equals(WildFlyServer.FULL)) {
            freeIiopPorts(baseDir.resolve("configuration").resolve(configuration));
        }
        Files.createDirectories(baseDir.resolve("deployments"));
        for (String name : names) {
            Files.copy(war, baseDir.resolve("deployments").resolve(name));
        }
        return baseDir;
    }

    /**
     * Gives IIOP free ports in a copy of {@code standalone-full.xml}, where they are fixed (3528, 3529, on loopback):
     * two servers on one host would fight for them (the second one starts with errors), as two pods never do.
     */
    private static void freeIiopPorts(Path file) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        for (int port : List.of(3528, 3529)) {
            String fixed = "interface=\"unsecure\" port=\"" + port + "\"";
            if (!xml.contains(fixed)) {
                throw new IllegalStateException("no IIOP socket binding on " + port + " in " + file);
            }
            xml = xml.replace(fixed, "interface=\"unsecure\" port=\"" + ProcessServer.freeLoopbackPort() + "\"");
        }
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }
}

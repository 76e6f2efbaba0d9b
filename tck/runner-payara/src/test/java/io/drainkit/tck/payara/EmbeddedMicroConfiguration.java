// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.payara;

import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * The settings of {@link EmbeddedMicroContainer}, from {@code arquillian-embedded.xml}.
 */
public final class EmbeddedMicroConfiguration implements ContainerConfiguration {

    private String rootDir;

    /** @return where Payara Micro keeps its runtime and the deployed applications */
    public String getRootDir() {
        return rootDir;
    }

    public void setRootDir(String rootDir) {
        this.rootDir = rootDir;
    }

    @Override
    public void validate() throws ConfigurationException {
        if (rootDir == null || rootDir.isBlank()) {
            throw new ConfigurationException("rootDir must name a directory for Payara Micro's runtime");
        }
    }
}

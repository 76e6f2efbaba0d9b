// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.arquillian;

import org.jboss.arquillian.container.test.spi.client.deployment.DeploymentScenarioGenerator;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * The TCK's own Arquillian extension, active wherever the TCK jar is on the test class path: adds the staged
 * libraries to every test WAR ({@link WarLibraries}), and deploys the WAR a scenario class declares
 * ({@link DeclaredWars}).
 *
 * @since 0.1
 */
public final class TckArquillianExtension implements LoadableExtension {

    @Override
    public void register(ExtensionBuilder builder) {
        builder.observer(WarLibraries.class);
        builder.service(DeploymentScenarioGenerator.class, DeclaredWars.class);
    }
}

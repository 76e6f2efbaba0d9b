// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.arquillian;

import java.util.List;

import org.jboss.arquillian.container.spi.client.deployment.DeploymentDescription;
import org.jboss.arquillian.container.test.spi.client.deployment.DeploymentScenarioGenerator;
import org.jboss.arquillian.test.spi.TestClass;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckWar;

/**
 * Deploys the WAR a scenario class declares with {@link TckWar}, as its default deployment: managed, and
 * {@code testable=false} (the TCK talks to it over HTTP only); and declares the second one the test deploys itself,
 * if any. Arquillian asks every generator for each test class and deploys what they all return: a class without
 * {@code @TckWar} gets nothing from this one, and its {@code @Deployment} methods from Arquillian's own.
 *
 * @since 0.1
 */
public final class DeclaredWars implements DeploymentScenarioGenerator {

    /** Arquillian's name for a class's deployment when it has one: what {@code @Deployment} defaults to. */
    private static final String DEFAULT_NAME = "_DEFAULT_";

    @Override
    public List<DeploymentDescription> generate(TestClass testClass) {
        TckWar declared = testClass.getAnnotation(TckWar.class);
        if (declared == null) {
            return List.of();
        }
        DeploymentDescription managed = new DeploymentDescription(
                        DEFAULT_NAME, TckDeployments.war(declared, declared.name()))
                .shouldBeTestable(false);
        String second = declared.deployedByTest();
        if (second.isEmpty()) {
            return List.of(managed);
        }
        return List.of(
                managed,
                new DeploymentDescription(second, TckDeployments.war(declared, second))
                        .shouldBeManaged(false)
                        .shouldBeTestable(false));
    }
}

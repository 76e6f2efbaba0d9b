// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.servlet.http.HttpServlet;

/**
 * The test WAR of a scenario class, declared instead of written: the TCK's Arquillian extension builds it with
 * {@link TckDeployments#war(TckWar, String)} and deploys it as the class's one managed, {@code testable=false}
 * deployment. A class whose settings are computed keeps its own {@code @Deployment} method.
 *
 * <pre>{@code
 * @TckWar(name = "prestop-waits", delay = "200ms", timeout = "60s")
 * public class PreStopWaitsForInFlightTest extends TckBase { ... }
 * }</pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface TckWar {

    /** @return the archive's name, without {@code .war}; also its context path on most runtimes */
    String name();

    /** @return {@code drainkit.delay} */
    String delay();

    /** @return {@code drainkit.timeout} */
    String timeout();

    /** @return further settings, each {@code key=value}, after the preStop endpoint's (see {@link TckSettings}) */
    String[] settings() default {};

    /**
     * @return a servlet of the scenario's own package ({@code deployment.ejb}, {@code deployment.work}), added with
     *     that package; {@link HttpServlet} itself for none
     */
    Class<? extends HttpServlet> servlet() default HttpServlet.class;

    /** @return where {@link #servlet()} answers, when there is one */
    String path() default "";

    /**
     * @return the name of a second WAR like this one, which Arquillian does not deploy: the test deploys it with
     *     {@code Deployer} under that name (its archive and context path have that name too); empty for none
     */
    String deployedByTest() default "";
}

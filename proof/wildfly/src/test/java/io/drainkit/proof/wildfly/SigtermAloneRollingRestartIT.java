// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import io.drainkit.proof.ServerUnderTest;
import io.drainkit.proof.rolling.SigtermAloneRollingRestartSuite;

/**
 * The rolling restart with SIGTERM alone on two real WildFly servers with {@code drainkit-wildfly} in the WAR; HAProxy
 * checks WildFly's own readiness on the management port, as a pod's readinessProbe would. Without DrainKit, WildFly's
 * suspend answers 503.
 */
class SigtermAloneRollingRestartIT extends SigtermAloneRollingRestartSuite {

    @Override
    protected ServerUnderTest.Launcher launcher() {
        return (environment, directory) ->
                WildFlyServer.startWar(WildFlyServer.ADAPTER_WAR_PROPERTY, directory, environment);
    }

    @Override
    protected String instances() {
        return "two WildFly servers with drainkit-wildfly";
    }
}

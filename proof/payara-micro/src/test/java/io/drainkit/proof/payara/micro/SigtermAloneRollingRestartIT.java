// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.micro;

import io.drainkit.proof.ServerUnderTest;
import io.drainkit.proof.rolling.SigtermAloneRollingRestartSuite;

/**
 * The rolling restart with SIGTERM alone on two Payara Micro instances with {@code drainkit-payara} in the WAR; HAProxy
 * checks Payara Micro's own {@code /health/ready}. Without DrainKit, Payara stops routing to the application first.
 */
class SigtermAloneRollingRestartIT extends SigtermAloneRollingRestartSuite {

    @Override
    protected ServerUnderTest.Launcher launcher() {
        return (environment, directory) ->
                PayaraMicro.startWar(PayaraMicro.WAR_WITH_ADAPTER, environment, directory.resolve("server.log"));
    }

    @Override
    protected String instances() {
        return "two Payara Micro instances with drainkit-payara";
    }
}

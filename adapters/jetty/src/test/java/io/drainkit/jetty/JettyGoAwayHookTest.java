// SPDX-License-Identifier: Apache-2.0
package io.drainkit.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import org.junit.jupiter.api.Test;

import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainRegistry;

/** drainkit-jetty where it cannot work: one line, and the application drains as without it. */
class JettyGoAwayHookTest {

    /**
     * Verifies that an application not started by a Jetty 12 context handler (here: none at all) gets one
     * {@code DRAINKIT-0056} line naming the adapter and the reason, and a hook whose removal does nothing, instead of
     * a failed deployment.
     */
    @Test
    void outsideAJettyContextHandlerItSaysSoOnceAndStaysOut() throws Exception {
        DrainCoordinator coordinator = DrainRegistry.forServletContainer(new ClassLoader(null) {});
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StreamHandler capture = new StreamHandler(log, new SimpleFormatter());
        Logger drainKit = Logger.getLogger("io.drainkit");
        drainKit.addHandler(capture);
        try {
            new JettyGoAwayHook().install(coordinator).close();
        } finally {
            drainKit.removeHandler(capture);
            capture.flush();
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .containsOnlyOnce("DRAINKIT-")
                .contains(
                        "DRAINKIT-0056 drainkit-jetty finds no Jetty 12 server with HTTP/2 here",
                        "not started by a Jetty 12 context handler",
                        "drains as without it");
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.jetty;

import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.ServerStopHook;
import io.drainkit.impl.SetupMessages;

/**
 * Hooks {@link Http2GoAway} into an application on embedded Jetty 12: when its drain starts, every HTTP/2 connection of
 * the Jetty server gets a graceful GOAWAY. Found with {@link java.util.ServiceLoader} like the other server adapters,
 * it does not hook the server's stop: on Jetty, DrainKit's CDI extension drains before Jetty stops its connectors.
 *
 * <p>Where Jetty 12 or its HTTP/2 classes are absent, or the application is not started by a Jetty context handler, it
 * logs {@code DRAINKIT-0056} once and does nothing: the application drains as without it. This class names no Jetty
 * type, so that loading it anywhere succeeds and only {@link #install(DrainCoordinator)} finds what is missing.
 */
public final class JettyGoAwayHook implements ServerStopHook {

    @Override
    public String name() {
        return "drainkit-jetty";
    }

    @Override
    public AutoCloseable install(DrainCoordinator coordinator) {
        try {
            return Http2GoAway.install(coordinator);
        } catch (LinkageError | IllegalStateException notJetty) {
            SetupMessages.http2GoAwayUnavailable(name(), coordinator.application(), notJetty);
            return () -> {};
        }
    }
}

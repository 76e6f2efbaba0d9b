// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.websocket;

import java.io.IOException;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import io.drainkit.LongLivedConnections;
import io.drainkit.websocket.GoingAway;

/**
 * {@code ws://…/live}: a WebSocket endpoint that hands its session to DrainKit and then says {@code held}, and stays
 * open until the client or DrainKit closes it. Only in the WARs of scenarios tagged {@code websocket}.
 *
 * @since 0.1
 */
@ServerEndpoint(LiveSocket.PATH)
@Dependent // a bean in an annotated bean archive: Open Liberty injects only into endpoints that are CDI beans
public class LiveSocket {

    /** Where it is served, relative to the context path. */
    public static final String PATH = "/live";

    /** What it sends once DrainKit holds the session. */
    public static final String HELD = "held";

    @Inject
    LongLivedConnections connections;

    private LongLivedConnections.Held held;

    @OnOpen
    public void open(Session session) throws IOException {
        held = GoingAway.holdOpen(connections, session);
        session.getBasicRemote().sendText(HELD);
    }

    @OnClose
    public void close() {
        held.forget();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import io.drainkit.LongLivedConnections;
import io.drainkit.websocket.GoingAway;

/**
 * {@code ws://host/live}: a WebSocket that greets, echoes, and stays open until the client leaves or DrainKit closes
 * it with 1001 Going Away at the end of the drain's delay.
 */
public final class LiveEndpoint extends Endpoint {

    static final String PATH = "/live";

    private final LongLivedConnections connections;
    private LongLivedConnections.Held held;

    private LiveEndpoint(LongLivedConnections connections) {
        this.connections = connections;
    }

    /** @return the endpoint's configuration, creating one endpoint per session, each held by {@code connections} */
    static ServerEndpointConfig config(LongLivedConnections connections) {
        return ServerEndpointConfig.Builder.create(LiveEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new LiveEndpoint(connections));
                    }
                })
                .build();
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        held = GoingAway.holdOpen(connections, session);
        session.addMessageHandler(String.class, text -> session.getAsyncRemote().sendText("echo: " + text));
        session.getAsyncRemote().sendText("hello");
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        held.forget();
    }
}

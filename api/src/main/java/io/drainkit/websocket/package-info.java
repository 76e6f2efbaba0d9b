/**
 * WebSocket support: {@link io.drainkit.websocket.GoingAway} closes held sessions with 1001 Going Away at the end of
 * a drain's delay. Loaded only by applications that use it, so DrainKit needs no WebSocket API anywhere else.
 *
 * @since 0.1
 */
package io.drainkit.websocket;

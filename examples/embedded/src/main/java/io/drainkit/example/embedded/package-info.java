/**
 * DrainKit on embedded Jetty 12 (ee10) and Weld SE: {@link io.drainkit.example.embedded.EmbeddedServer} boots
 * both in one class loader, so DrainKit's servlet side and CDI side share one drain, and on SIGTERM drains
 * through CDI shutdown before Jetty stops its connector.
 */
package io.drainkit.example.embedded;

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import java.net.URI;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The application's OpenTelemetry, so that DrainKit records its metrics here as it does on an application server: an
 * SDK whose only reader is a Prometheus endpoint ({@code GET /metrics} on a port of its own), offered to CDI as the
 * {@code OpenTelemetry} bean DrainKit looks for. On a server, MicroProfile Telemetry offers that bean; here the
 * example registers it with Weld SE (an application would as well write {@code @Produces @Singleton OpenTelemetry}).
 *
 * <p>The example, not CDI, owns the SDK: it is built before Weld starts (a port already taken stops the start) and
 * closed after Jetty stops, so that the endpoint answers through the whole drain and the server's stop. A pull
 * exporter has nothing to flush: DrainKit's flush before the preStop answer returns at once, and the drain's figures
 * are on the endpoint from the drain's end until the process exits.
 */
public final class PrometheusTelemetry implements Extension, AutoCloseable {

    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final OpenTelemetrySdk sdk;
    private final URI endpoint;

    private PrometheusTelemetry(OpenTelemetrySdk sdk, URI endpoint) {
        this.sdk = sdk;
        this.endpoint = endpoint;
    }

    /**
     * @param host the address to bind
     * @param port the port to bind
     * @return the SDK, its endpoint listening
     * @throws java.io.UncheckedIOException if the port cannot be bound
     */
    static PrometheusTelemetry serve(String host, int port) {
        PrometheusHttpServer prometheus =
                PrometheusHttpServer.builder().setHost(host).setPort(port).build();
        SdkMeterProvider meters = SdkMeterProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(SERVICE_NAME, "drainkit-example-embedded"))))
                .registerMetricReader(prometheus)
                .build();
        return new PrometheusTelemetry(
                OpenTelemetrySdk.builder().setMeterProvider(meters).build(),
                URI.create("http://" + host + ":" + port + "/metrics"));
    }

    /** @return where Prometheus scrapes */
    URI endpoint() {
        return endpoint;
    }

    /** The bean DrainKit selects at deployment; a singleton, so that DrainKit's flush reaches the SDK itself. */
    void offerToCdi(@Observes AfterBeanDiscovery discovery) {
        discovery
                .addBean()
                .types(OpenTelemetry.class, Object.class)
                .scope(Singleton.class)
                .produceWith(beans -> sdk);
    }

    /** Stops the endpoint. */
    @Override
    public void close() {
        sdk.close();
    }
}

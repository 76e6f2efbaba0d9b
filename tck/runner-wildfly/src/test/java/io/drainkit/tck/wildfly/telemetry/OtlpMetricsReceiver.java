// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.wildfly.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;

/**
 * The smallest OTLP/HTTP metrics receiver that will do for a test: accepts {@code POST /v1/metrics} in protobuf on
 * 127.0.0.1 (gzip or not), keeps every export it decoded, and answers 200 with an empty {@code ExportMetricsServiceResponse}.
 * Anything else (traces, logs, if an exporter sends them) is answered 200 and dropped.
 *
 * <p>Thread-safe: exports arrive on the server's thread, the test reads on its own.
 */
final class OtlpMetricsReceiver implements AutoCloseable {

    static final String METRICS_PATH = "/v1/metrics";

    private final HttpServer server;
    private final List<ExportMetricsServiceRequest> exports = new CopyOnWriteArrayList<>();

    private OtlpMetricsReceiver(HttpServer server) {
        this.server = server;
    }

    /**
     * @param port the loopback port to listen on
     * @return the receiver, listening
     * @throws IOException if the port is taken
     */
    static OtlpMetricsReceiver listen(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        OtlpMetricsReceiver receiver = new OtlpMetricsReceiver(server);
        server.createContext("/", receiver::receive);
        server.start();
        return receiver;
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (InputStream body = decoded(exchange)) {
            byte[] bytes = body.readAllBytes();
            if ("POST".equals(exchange.getRequestMethod())
                    && exchange.getRequestURI().getPath().equals(METRICS_PATH)) {
                // Kept before the answer: when the exporter hears 200, the test can see what it sent.
                exports.add(ExportMetricsServiceRequest.parseFrom(bytes));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException | RuntimeException undecodable) {
            System.err.println("OTLP receiver: cannot decode " + exchange.getRequestURI() + " ("
                    + exchange.getRequestHeaders().entrySet() + "): " + undecodable);
            exchange.sendResponseHeaders(400, -1);
        } finally {
            exchange.close();
        }
    }

    /** WildFly's exporter (SmallRye OpenTelemetry's, on Vert.x) compresses with gzip. */
    private static InputStream decoded(HttpExchange exchange) throws IOException {
        return "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
                ? new GZIPInputStream(exchange.getRequestBody())
                : exchange.getRequestBody();
    }

    /** @return how many metric exports arrived */
    int exportCount() {
        return exports.size();
    }

    /**
     * @param name an instrument's name
     * @return the instrument as the latest export that carried it has it
     */
    Optional<Metric> latest(String name) {
        for (int i = exports.size() - 1; i >= 0; i--) {
            Optional<Metric> found = exports.get(i).getResourceMetricsList().stream()
                    .flatMap(resource -> resource.getScopeMetricsList().stream())
                    .flatMap(scope -> scope.getMetricsList().stream())
                    .filter(metric -> metric.getName().equals(name))
                    .findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * @param prefix the instruments to show
     * @return one line per data point of the latest export of each instrument named so: name, unit, attributes, value
     */
    String describe(String prefix) {
        return exports.stream()
                .flatMap(export -> export.getResourceMetricsList().stream())
                .flatMap(resource -> resource.getScopeMetricsList().stream())
                .flatMap(scope -> scope.getMetricsList().stream())
                .map(Metric::getName)
                .filter(name -> name.startsWith(prefix))
                .distinct()
                .sorted()
                .map(name -> latest(name).orElseThrow())
                .map(OtlpMetricsReceiver::describe)
                .collect(Collectors.joining("\n"));
    }

    private static String describe(Metric metric) {
        String head = metric.getName() + " [" + metric.getUnit() + "] ";
        if (metric.hasHistogram()) {
            return metric.getHistogram().getDataPointsList().stream()
                    .map(point -> head + attributes(point.getAttributesList()) + " count=" + point.getCount() + " sum="
                            + point.getSum())
                    .collect(Collectors.joining("\n"));
        }
        return metric.getSum().getDataPointsList().stream()
                .map(point -> head + attributes(point.getAttributesList()) + " value=" + point.getAsInt())
                .collect(Collectors.joining("\n"));
    }

    /**
     * @param attributes a data point's
     * @return them by key, as strings
     */
    static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream()
                .collect(Collectors.toMap(
                        KeyValue::getKey, kv -> kv.getValue().getStringValue(), (a, b) -> b, TreeMap::new));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

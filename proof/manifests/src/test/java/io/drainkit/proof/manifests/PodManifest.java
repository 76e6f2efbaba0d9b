// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.manifests;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * An example's Kubernetes manifests (every {@code *.yaml} in its {@code k8s/} folder, all documents), read with a
 * YAML parser, and the parts of its one Deployment that DrainKit's budget and hooks depend on.
 */
final class PodManifest {

    private final List<Map<String, Object>> documents;
    private final Map<String, Object> deployment;
    private final Map<String, Object> container;

    private PodManifest(List<Map<String, Object>> documents) {
        this.documents = documents;
        List<Map<String, Object>> deployments = ofKind("Deployment");
        if (deployments.size() != 1) {
            throw new AssertionError("expected one Deployment, found " + deployments.size());
        }
        this.deployment = deployments.get(0);
        List<Map<String, Object>> containers =
                list(map(map(map(deployment, "spec"), "template"), "spec"), "containers");
        if (containers.size() != 1) {
            throw new AssertionError("expected one container in the pod, found " + containers.size());
        }
        this.container = containers.get(0);
    }

    static PodManifest read(Path k8s) throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(k8s)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .collect(Collectors.toList())) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    for (Object document : yaml.loadAll(reader)) {
                        if (document != null) {
                            documents.add(cast(document));
                        }
                    }
                }
            }
        }
        return new PodManifest(documents);
    }

    List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).collect(Collectors.toList());
    }

    /** @return terminationGracePeriodSeconds of the pod, or Kubernetes' default 30 */
    int terminationGracePeriodSeconds() {
        Object value = map(map(map(deployment, "spec"), "template"), "spec").get("terminationGracePeriodSeconds");
        return value == null ? 30 : ((Number) value).intValue();
    }

    /** @return the container's environment: plain values, and {@code secret:NAME/KEY} for Secret references */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> variable : list(container, "env")) {
            Object value = variable.get("value");
            if (value != null) {
                environment.put((String) variable.get("name"), String.valueOf(value));
            } else {
                Map<String, Object> secret = map(map(variable, "valueFrom"), "secretKeyRef");
                environment.put(
                        (String) variable.get("name"), "secret:" + secret.get("name") + "/" + secret.get("key"));
            }
        }
        return environment;
    }

    /** @return the value a Secret in these manifests holds under {@code key} */
    Optional<String> secretValue(String name, String key) {
        return ofKind("Secret").stream()
                .filter(secret -> name.equals(map(secret, "metadata").get("name")))
                .map(secret -> {
                    Object data = secret.get("stringData");
                    return data == null ? null : (String) cast(data).get(key);
                })
                .filter(value -> value != null)
                .findFirst();
    }

    /** @return the preStop hook's httpGet */
    Map<String, Object> preStopHttpGet() {
        return map(map(map(container, "lifecycle"), "preStop"), "httpGet");
    }

    /** @return the readiness probe's httpGet */
    Map<String, Object> readinessHttpGet() {
        return map(map(container, "readinessProbe"), "httpGet");
    }

    /** @return the preStop hook's header {@code name}, if it sends one */
    Optional<String> preStopHeader(String name) {
        return list(preStopHttpGet(), "httpHeaders").stream()
                .filter(header -> name.equalsIgnoreCase((String) header.get("name")))
                .map(header -> (String) header.get("value"))
                .findFirst();
    }

    /** @return the container port an httpGet's {@code port} (a number or a port name) resolves to */
    int containerPort(Map<String, Object> httpGet) {
        Object port = httpGet.get("port");
        if (port instanceof Number) {
            return ((Number) port).intValue();
        }
        return list(container, "ports").stream()
                .filter(p -> port.equals(p.get("name")))
                .map(p -> ((Number) p.get("containerPort")).intValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named '" + port + "'"));
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            throw new AssertionError("missing '" + key + "' in " + parent.keySet());
        }
        return cast(value);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}

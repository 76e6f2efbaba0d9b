// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.drainkit.DrainEndpoints;
import io.drainkit.impl.DrainSettings;

/**
 * Every application-server example's Kubernetes manifests, parsed as YAML and checked where a mistake would drop
 * requests on a rolling update: the grace period covers DrainKit's deadline and the server's stop, the settings are
 * ones DrainKit accepts, the preStop hook and the readiness probe point where the server really serves them, and
 * the hook's token is the application's.
 */
class KubernetesManifestsTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("drainkit.examples.dir", ".."));

    static Stream<ServerFacts> servers() throws Exception {
        return Stream.of(
                ServerFacts.liberty(EXAMPLES),
                ServerFacts.wildfly(EXAMPLES),
                ServerFacts.payara(EXAMPLES),
                ServerFacts.payaraServer(EXAMPLES));
    }

    private static PodManifest manifest(ServerFacts server) throws Exception {
        return PodManifest.read(EXAMPLES.resolve(server.name()).resolve("k8s"));
    }

    /** Verifies that the pod's grace period covers DrainKit's timeout plus the server's stop, and that DrainKit checks it too. */
    @ParameterizedTest
    @MethodSource("servers")
    void gracePeriodCoversTheDrainAndTheServersStop(ServerFacts server) throws Exception {
        PodManifest pod = manifest(server);
        DrainSettings settings = settings(pod);
        Duration grace = Duration.ofSeconds(pod.terminationGracePeriodSeconds());

        assertThat(settings.timeout().plus(DrainSettings.STOP_MARGIN))
                .as("drainkit.timeout + the server's stop")
                .isLessThanOrEqualTo(grace);
        assertThat(settings.delay()).as("the delay is inside the timeout").isLessThan(settings.timeout());
        assertThat(settings.gracePeriod())
                .as("DRAINKIT_GRACE_PERIOD, so that DrainKit checks the budget at start-up")
                .contains(grace);
    }

    /** Verifies that the settings the manifests give the application are ones DrainKit accepts, with preStop on. */
    @ParameterizedTest
    @MethodSource("servers")
    void settingsAreValidAndThePreStopEndpointIsOn(ServerFacts server) throws Exception {
        PodManifest pod = manifest(server);

        assertThatCode(() -> settings(pod))
                .as("DrainKit's own validation of the manifests' DRAINKIT_* settings")
                .doesNotThrowAnyException();
        assertThat(settings(pod).preStopEnabled()).isTrue();
    }

    /** Verifies that the preStop hook calls DrainKit's endpoint on the port and context root the server serves it at. */
    @ParameterizedTest
    @MethodSource("servers")
    void preStopHookCallsDrainKitWhereTheServerServesIt(ServerFacts server) throws Exception {
        PodManifest pod = manifest(server);
        Map<String, Object> hook = pod.preStopHttpGet();

        assertThat(hook.get("path"))
                .isEqualTo(server.contextRoot() + settings(pod).preStopPath());
        assertThat(pod.containerPort(hook)).as("preStop port").isEqualTo(server.httpPort());
    }

    /** Verifies that the hook sends the token the application reads from the Secret. */
    @ParameterizedTest
    @MethodSource("servers")
    void preStopHookSendsTheApplicationsToken(ServerFacts server) throws Exception {
        PodManifest pod = manifest(server);
        String reference = pod.environment().get("DRAINKIT_PRESTOP_TOKEN");

        assertThat(reference).as("DRAINKIT_PRESTOP_TOKEN comes from a Secret").startsWith("secret:");
        String[] secret = reference.substring("secret:".length()).split("/", 2);
        Optional<String> token = pod.secretValue(secret[0], secret[1]);
        assertThat(token)
                .as("the Secret %s, key %s, in the manifests", secret[0], secret[1])
                .isPresent();
        assertThat(pod.preStopHeader(DrainEndpoints.TOKEN_HEADER))
                .as("the hook's %s header", DrainEndpoints.TOKEN_HEADER)
                .isEqualTo(token);
        assertThat(token.get().length()).as("a token of 16 characters or more").isGreaterThanOrEqualTo(16);
    }

    /** Verifies that the readiness probe asks the server's own MicroProfile Health endpoint, where DrainKit's check is. */
    @ParameterizedTest
    @MethodSource("servers")
    void readinessProbeAsksTheServersHealthEndpoint(ServerFacts server) throws Exception {
        PodManifest pod = manifest(server);
        Map<String, Object> probe = pod.readinessHttpGet();

        assertThat(probe.get("path")).isEqualTo(server.healthPath());
        assertThat(pod.containerPort(probe)).as("readiness port").isEqualTo(server.healthPort());
    }

    /** The servers whose adapter drains on SIGTERM alone, each with a {@code k8s/sigterm-alone} manifest. */
    static Stream<ServerFacts> serversWithAnAdapter() throws Exception {
        return Stream.of(
                ServerFacts.wildfly(EXAMPLES), ServerFacts.payara(EXAMPLES), ServerFacts.payaraServer(EXAMPLES));
    }

    /**
     * Verifies the SIGTERM-alone manifests: no preStop hook and no token, a grace period that covers DrainKit's
     * deadline (counted from SIGTERM) and the server's stop, settings DrainKit accepts, and the readiness probe on the
     * server's own health endpoint.
     */
    @ParameterizedTest
    @MethodSource("serversWithAnAdapter")
    void sigtermAloneManifestHasNoHookAndABudgetForTheDrain(ServerFacts server) throws Exception {
        PodManifest pod = PodManifest.read(EXAMPLES.resolve(server.name()).resolve("k8s/sigterm-alone"));
        DrainSettings settings = settings(pod);
        Duration grace = Duration.ofSeconds(pod.terminationGracePeriodSeconds());

        assertThat(pod.environment())
                .as("no preStop endpoint, no token")
                .doesNotContainKeys("DRAINKIT_PRESTOP_ENABLED", "DRAINKIT_PRESTOP_TOKEN");
        assertThatThrownBy(pod::preStopHttpGet).as("a preStop hook").hasMessageContaining("lifecycle");
        assertThat(settings.timeout().plus(DrainSettings.STOP_MARGIN))
                .as("drainkit.timeout + the server's stop")
                .isLessThanOrEqualTo(grace);
        assertThat(settings.gracePeriod()).as("DRAINKIT_GRACE_PERIOD").contains(grace);
        assertThat(pod.readinessHttpGet().get("path")).isEqualTo(server.healthPath());
        assertThat(pod.containerPort(pod.readinessHttpGet()))
                .as("readiness port")
                .isEqualTo(server.healthPort());
    }

    /** The settings DrainKit would read from the container's environment, with the token a stand-in. */
    private static DrainSettings settings(PodManifest pod) {
        Map<String, String> environment = new HashMap<>(pod.environment());
        environment.replaceAll((name, value) -> value.startsWith("secret:") ? "a-secret-from-the-cluster" : value);
        return DrainSettings.read(key ->
                Optional.ofNullable(environment.get(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"))));
    }
}

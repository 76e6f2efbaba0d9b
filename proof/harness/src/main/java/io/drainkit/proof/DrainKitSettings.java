// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DrainKit's settings for a server under test, as the environment variables a pod spec would set.
 *
 * @param delay   {@code drainkit.delay}
 * @param timeout {@code drainkit.timeout}
 * @param token   the preStop endpoint's token; the endpoint is on
 * @param more    further {@code DRAINKIT_*} variables
 */
public record DrainKitSettings(Duration delay, Duration timeout, String token, Map<String, String> more) {

    /**
     * @param delay   {@code drainkit.delay}
     * @param timeout {@code drainkit.timeout}
     * @return the settings with a fresh random token and nothing more
     */
    public static DrainKitSettings of(Duration delay, Duration timeout) {
        return new DrainKitSettings(delay, timeout, randomToken(), Map.of());
    }

    /** @return these settings and one more variable */
    public DrainKitSettings with(String variable, String value) {
        Map<String, String> extended = new LinkedHashMap<>(more);
        extended.put(variable, value);
        return new DrainKitSettings(delay, timeout, token, extended);
    }

    /** @return the variables: {@code DRAINKIT_DELAY}, {@code DRAINKIT_TIMEOUT}, the preStop endpoint, and more */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DRAINKIT_DELAY", delay.toMillis() + "ms");
        environment.put("DRAINKIT_TIMEOUT", timeout.toMillis() + "ms");
        environment.put("DRAINKIT_PRESTOP_ENABLED", "true");
        environment.put("DRAINKIT_PRESTOP_TOKEN", token);
        environment.putAll(more);
        return environment;
    }

    /** @return 32 random hexadecimal characters, a token such as a pod's secret holds */
    public static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

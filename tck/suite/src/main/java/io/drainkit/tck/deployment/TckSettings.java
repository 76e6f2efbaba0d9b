// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * DrainKit settings for one test deployment, carried inside the archive as
 * {@code META-INF/microprofile-config.properties}.
 *
 * @since 0.1
 */
public final class TckSettings {

    /** The token every TCK deployment with the preStop endpoint expects. */
    public static final String TOKEN = "drainkit-tck-token-5c0a6e1d9b7f";

    private final Map<String, String> values = new LinkedHashMap<>();

    private TckSettings() {}

    /**
     * @param delay   {@code drainkit.delay}
     * @param timeout {@code drainkit.timeout}
     * @return settings with the preStop endpoint on, with {@link #TOKEN}
     */
    public static TckSettings withPreStop(String delay, String timeout) {
        return new TckSettings()
                .set("drainkit.delay", delay)
                .set("drainkit.timeout", timeout)
                .set("drainkit.prestop.enabled", "true")
                .set("drainkit.prestop.token", TOKEN);
    }

    /**
     * @param delay   {@code drainkit.delay}, written in milliseconds
     * @param timeout {@code drainkit.timeout}, written in milliseconds
     * @return settings with the preStop endpoint on, with {@link #TOKEN}
     */
    public static TckSettings withPreStop(Duration delay, Duration timeout) {
        return withPreStop(delay.toMillis() + "ms", timeout.toMillis() + "ms");
    }

    /**
     * @param key   a DrainKit key
     * @param value its value, as it would be written in the file
     * @return these settings
     */
    public TckSettings set(String key, String value) {
        values.put(key, value);
        return this;
    }

    String asProperties() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
    }
}

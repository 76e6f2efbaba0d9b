// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where DrainKit's settings come from: MicroProfile Config when the application has it, else system
 * properties and environment variables.
 */
@FunctionalInterface
public interface ConfigReader {

    /**
     * @param key a full key such as {@code drainkit.delay}
     * @return the raw value, or empty if the key is not set
     */
    Optional<String> value(String key);

    /**
     * The reader for an application: MicroProfile Config when its API and an implementation are visible
     * from {@code loader}, else {@link #systemPropertiesThenEnvironment()}.
     *
     * @param loader the application's class loader
     * @return the reader to use for that application
     */
    static ConfigReader forApplication(ClassLoader loader) {
        return MicroProfileConfigReader.lookup(loader).orElseGet(ConfigReader::systemPropertiesThenEnvironment);
    }

    /**
     * System properties first, then environment variables named as MicroProfile Config maps them:
     * the exact key, then non-alphanumerics replaced by {@code _}, then that in upper case
     * ({@code drainkit.prestop.token} → {@code DRAINKIT_PRESTOP_TOKEN}).
     *
     * @return a reader of this JVM's system properties and environment
     */
    static ConfigReader systemPropertiesThenEnvironment() {
        return of(System::getProperty, System::getenv);
    }

    /**
     * @param properties the system-property look-up
     * @param environment the environment-variable look-up
     * @return a reader that asks {@code properties} first, then {@code environment} with MP Config's names
     */
    static ConfigReader of(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        return key -> {
            String value = properties.apply(key);
            if (value == null) {
                value = environment.apply(key);
            }
            if (value == null) {
                String sanitized = key.replaceAll("[^A-Za-z0-9]", "_");
                value = environment.apply(sanitized);
                if (value == null) {
                    value = environment.apply(sanitized.toUpperCase(Locale.ROOT));
                }
            }
            return Optional.ofNullable(value);
        };
    }
}

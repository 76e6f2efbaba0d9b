// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.Optional;
import java.util.ServiceConfigurationError;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads settings through MicroProfile Config. Only touched after {@link #lookup(ClassLoader)} has checked
 * that the API is there, so DrainKit deploys on servers without MicroProfile Config.
 */
final class MicroProfileConfigReader implements ConfigReader {

    private static final String CONFIG_PROVIDER = "org.eclipse.microprofile.config.ConfigProvider";

    private final Config config;

    private MicroProfileConfigReader(Config config) {
        this.config = config;
    }

    static Optional<ConfigReader> lookup(ClassLoader loader) {
        if (!OptionalApi.isVisible(CONFIG_PROVIDER)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MicroProfileConfigReader(ConfigProvider.getConfig(loader)));
        } catch (RuntimeException | ServiceConfigurationError noImplementation) {
            // The API without an implementation (e.g. a bare servlet container): fall back.
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> value(String key) {
        return config.getOptionalValue(key, String.class);
    }
}

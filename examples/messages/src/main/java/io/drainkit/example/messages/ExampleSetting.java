// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.messages;

import java.util.Locale;

/**
 * One setting of the example, read as DrainKit reads its own without MicroProfile Config: a system property
 * ({@code orders.ledger}), else an environment variable ({@code ORDERS_LEDGER}), else a default.
 */
final class ExampleSetting {

    private ExampleSetting() {}

    /**
     * @param key          the system property's name; the variable's is it in upper case, dots and dashes as {@code _}
     * @param defaultValue the value if neither is set
     * @return the value
     */
    static String read(String key, String defaultValue) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }
}

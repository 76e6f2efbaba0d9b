// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

/**
 * Whether an API that DrainKit uses only where the server provides it (MicroProfile Config, Health, OpenTelemetry) is
 * visible to DrainKit. The class that uses such an API is loaded only after this says yes, so that DrainKit deploys
 * where it is absent.
 */
public final class OptionalApi {

    private OptionalApi() {}

    /**
     * @param className a class of the API
     * @return {@code true} if DrainKit's class loader sees it
     */
    public static boolean isVisible(String className) {
        try {
            Class.forName(className, false, OptionalApi.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
    }
}

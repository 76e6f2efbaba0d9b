// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import jakarta.servlet.ServletContext;

/** What DrainKit publishes in an application's servlet context, for code that does not use CDI. Not API. */
final class Published {

    private Published() {}

    /**
     * @throws IllegalStateException if DrainKit is not installed or is disabled in this application
     */
    static <T> T in(ServletContext context, String attribute, Class<T> type) {
        Object published = context.getAttribute(attribute);
        if (type.isInstance(published)) {
            return type.cast(published);
        }
        throw new IllegalStateException("DrainKit is not active in '" + context.getContextPath()
                + "': put drainkit-impl in WEB-INF/lib and make sure drainkit.enabled is not false");
    }
}

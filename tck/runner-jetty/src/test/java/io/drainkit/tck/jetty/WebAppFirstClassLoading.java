// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.jetty;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.jboss.arquillian.container.jetty.embedded_12_ee10.WebAppContextProcessor;
import org.jboss.shrinkwrap.api.Archive;

/**
 * Makes each test WAR load its classes from {@code WEB-INF} first, as the Servlet specification asks, so that
 * every deployment has its own DrainKit, Weld and TCK servlets (with their own static state) although copies
 * of the TCK and the DrainKit API are also on the test class path.
 *
 * <p>The adapter's default is parent-first, and its {@code classloaderBehavior} property cannot be set from
 * {@code arquillian.xml} (Arquillian fails to convert the string to the enum), hence this processor.
 */
public final class WebAppFirstClassLoading implements WebAppContextProcessor {

    @Override
    public void process(WebAppContext context, Archive<?> archive) {
        context.setParentLoaderPriority(false);
    }
}

/**
 * The application every TCK deployment carries: servlets controlled over HTTP only, so the TCK runs the same
 * against an embedded server and a managed one in another JVM, and the beans they use. {@link TckServlet} lists
 * the servlets and their mappings; each WAR's {@code web.xml} is written from it.
 *
 * @since 0.1
 */
package io.drainkit.tck.deployment.app;

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServlet;

/**
 * The TCK's servlets and their URL patterns: the one place that declares them. Every test WAR's {@code web.xml} is
 * written from this list ({@link #webXml()}), so no runtime has to scan annotations; to add a servlet, write its
 * class in this package and add a constant here.
 *
 * @since 0.1
 */
public enum TckServlet {

    /** {@link WorkServlet}. */
    WORK(WorkServlet.class, "/work"),
    /** {@link WorkWithCdiServlet}. */
    WORK_CDI(WorkWithCdiServlet.class, "/work-cdi"),
    /** {@link BlockServlet}. */
    BLOCK(BlockServlet.class, "/block"),
    /** {@link GateServlet}. */
    GATE(GateServlet.class, "/gate"),
    /** {@link AsyncServlet}. */
    ASYNC(AsyncServlet.class, "/async"),
    /** {@link ThrowServlet}. */
    THROW(ThrowServlet.class, "/throw"),
    /** {@link DispatchServlet}. */
    DISPATCH(DispatchServlet.class, DispatchServlet.FORWARD, DispatchServlet.INCLUDE),
    /** {@link StatusServlet}. */
    STATUS(StatusServlet.class, StatusServlet.PATH),
    /** {@link StreamServlet}. */
    STREAM(StreamServlet.class, "/stream"),
    /** {@link OpenStreamsServlet}. */
    OPEN_STREAMS(OpenStreamsServlet.class, "/open-streams");

    private final Class<? extends HttpServlet> type;
    private final List<String> urlPatterns;

    TckServlet(Class<? extends HttpServlet> type, String... urlPatterns) {
        this.type = type;
        this.urlPatterns = List.of(urlPatterns);
    }

    /** @return a {@code web.xml} that declares every servlet, async-supported, with its URL patterns */
    public static String webXml() {
        return webXml(Map.of());
    }

    /**
     * @param scenarioServlets servlets of one scenario's own package, by URL pattern (named after their class)
     * @return a {@code web.xml} that declares every servlet of this list and those, async-supported
     */
    public static String webXml(Map<String, Class<? extends HttpServlet>> scenarioServlets) {
        StringBuilder xml =
                new StringBuilder("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        for (TckServlet servlet : values()) {
            declare(xml, servlet.name().toLowerCase(Locale.ROOT).replace('_', '-'), servlet.type, servlet.urlPatterns);
        }
        scenarioServlets.forEach((pattern, type) -> declare(xml, type.getSimpleName(), type, List.of(pattern)));
        return xml.append("</web-app>\n").toString();
    }

    private static void declare(StringBuilder xml, String name, Class<?> type, List<String> urlPatterns) {
        xml.append("  <servlet><servlet-name>")
                .append(name)
                .append("</servlet-name><servlet-class>")
                .append(type.getName())
                .append("</servlet-class><async-supported>true</async-supported>")
                .append("</servlet>\n");
        for (String pattern : urlPatterns) {
            xml.append("  <servlet-mapping><servlet-name>")
                    .append(name)
                    .append("</servlet-name><url-pattern>")
                    .append(pattern)
                    .append("</url-pattern></servlet-mapping>\n");
        }
    }
}

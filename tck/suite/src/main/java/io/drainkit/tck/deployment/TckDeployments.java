package io.drainkit.tck.deployment;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the TCK's test WARs: the TCK servlets declared in {@code web.xml} (no annotation scanning needed),
 * the one-line {@code beans.xml} a DrainKit user adds, and the DrainKit settings inside the archive. The
 * runtime's archive processor adds DrainKit itself to {@code WEB-INF/lib}.
 *
 * @since 0.1
 */
public final class TckDeployments {

    /** The one line of {@code beans.xml} DrainKit's README asks users to add. */
    public static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
            + " bean-discovery-mode=\"annotated\"/>\n";

    private static final String[][] SERVLETS = {
        {"work", TckServlets.Work.class.getName(), "/work"},
        {"work-cdi", TckServlets.WorkWithCdi.class.getName(), "/work-cdi"},
        {"block", TckServlets.Block.class.getName(), "/block"},
        {"gate", TckServlets.Gate.class.getName(), "/gate"},
        {"async", TckServlets.Async.class.getName(), "/async"},
        {"throw", TckServlets.Throw.class.getName(), "/throw"},
        {"dispatch", TckServlets.Dispatch.class.getName(), "/forward", "/include"},
        {"status", TckServlets.Status.class.getName(), "/status"},
        {"stream", TckServlets.Stream.class.getName(), "/stream"},
    };

    private TckDeployments() {
    }

    /**
     * @param name     the archive's name, without {@code .war}; also its context path on most runtimes
     * @param settings DrainKit's settings for it
     * @return the archive
     */
    public static WebArchive war(String name, TckSettings settings) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClass(TckServlets.class)
                .addClasses(TckServlets.class.getDeclaredClasses())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsWebInfResource(new StringAsset(webXml()), "web.xml")
                .addAsResource(new StringAsset(settings.asProperties()), "META-INF/microprofile-config.properties");
    }

    private static String webXml() {
        StringBuilder xml = new StringBuilder("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        for (String[] servlet : SERVLETS) {
            xml.append("  <servlet><servlet-name>").append(servlet[0]).append("</servlet-name><servlet-class>")
                    .append(servlet[1]).append("</servlet-class><async-supported>true</async-supported></servlet>\n");
            for (int i = 2; i < servlet.length; i++) {
                xml.append("  <servlet-mapping><servlet-name>").append(servlet[0]).append("</servlet-name><url-pattern>")
                        .append(servlet[i]).append("</url-pattern></servlet-mapping>\n");
            }
        }
        return xml.append("</web-app>\n").toString();
    }
}

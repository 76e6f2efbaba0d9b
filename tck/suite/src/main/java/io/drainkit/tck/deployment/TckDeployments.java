// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment;

import java.util.Map;

import jakarta.servlet.http.HttpServlet;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import io.drainkit.tck.deployment.app.TckServlet;

/**
 * Builds the TCK's test WARs: the TCK's application ({@code io.drainkit.tck.deployment.app}) with its servlets
 * declared in {@code web.xml} from {@link TckServlet} (no annotation scanning needed), the one-line
 * {@code beans.xml} a DrainKit user adds, and the DrainKit settings inside the archive. DrainKit itself is added to
 * {@code WEB-INF/lib} right before deployment, by the runtime's build ({@code WarLibraries}).
 *
 * @since 0.1
 */
public final class TckDeployments {

    /** The one line of {@code beans.xml} DrainKit's README asks users to add. */
    public static final String BEANS_XML = "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
            + " bean-discovery-mode=\"annotated\"/>\n";

    private TckDeployments() {}

    /**
     * @param declared a scenario class's declaration of its WAR
     * @param name     the archive's name: {@link TckWar#name()}, or {@link TckWar#deployedByTest()}
     * @return the archive
     */
    public static WebArchive war(TckWar declared, String name) {
        TckSettings settings = TckSettings.withPreStop(declared.delay(), declared.timeout());
        for (String setting : declared.settings()) {
            String[] keyAndValue = setting.split("=", 2);
            if (keyAndValue.length != 2) {
                throw new IllegalArgumentException("@TckWar(name = \"" + declared.name() + "\"): the setting \""
                        + setting + "\" is not key=value");
            }
            settings.set(keyAndValue[0], keyAndValue[1]);
        }
        return declared.servlet() == HttpServlet.class
                ? war(name, settings)
                : war(name, settings, declared.path(), declared.servlet());
    }

    /**
     * @param name     the archive's name, without {@code .war}; also its context path on most runtimes
     * @param settings DrainKit's settings for it
     * @return the archive
     */
    public static WebArchive war(String name, TckSettings settings) {
        return war(name, settings, TckServlet.webXml());
    }

    /**
     * @param name       the archive's name, without {@code .war}
     * @param settings   DrainKit's settings for it
     * @param urlPattern where {@code servlet} answers
     * @param servlet    a servlet of a scenario's own package ({@code deployment.ejb}, {@code deployment.work}): that
     *                   whole package goes into the archive too, and into no other scenario's
     * @return the archive
     */
    public static WebArchive war(
            String name, TckSettings settings, String urlPattern, Class<? extends HttpServlet> servlet) {
        return war(name, settings, TckServlet.webXml(Map.of(urlPattern, servlet)))
                .addPackage(servlet.getPackage());
    }

    private static WebArchive war(String name, TckSettings settings, String webXml) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(TckServlet.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsWebInfResource(new StringAsset(webXml), "web.xml")
                .addAsResource(new StringAsset(settings.asProperties()), "META-INF/microprofile-config.properties");
    }
}

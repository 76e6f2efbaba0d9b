package io.drainkit.tck.deployment;

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

    private TckDeployments() {
    }

    /**
     * @param name     the archive's name, without {@code .war}; also its context path on most runtimes
     * @param settings DrainKit's settings for it
     * @return the archive
     */
    public static WebArchive war(String name, TckSettings settings) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addPackage(TckServlet.class.getPackage())
                .addAsWebInfResource(new StringAsset(BEANS_XML), "beans.xml")
                .addAsWebInfResource(new StringAsset(TckServlet.webXml()), "web.xml")
                .addAsResource(new StringAsset(settings.asProperties()), "META-INF/microprofile-config.properties");
    }
}

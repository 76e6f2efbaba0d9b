// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Collections;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.drainkit.Drain;
import io.drainkit.impl.DrainCoordinator;

/**
 * The extension is found through {@code ServiceLoader} and registers {@link Drain} itself, whatever the
 * application's bean-discovery mode. DrainKit's own {@code beans.xml} excludes all its classes from discovery, so
 * nothing of DrainKit is found by scanning.
 */
class DrainExtensionDiscoveryTest {

    /**
     * Verifies that in a bean-discovery-mode="all" archive both annotated and plain application beans get the
     * coordinator injected.
     */
    @Test
    void drainIsInjectedIntoEveryBeanWhenBeansXmlDiscoversAll() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("all")
                .archiveClasses(ApplicationBean.class, PlainApplicationBean.class)
                .start()) {

            DrainCoordinator drain = app.drain();
            assertThat(app.container().getBeanManager().getExtension(DrainExtension.class))
                    .as("the extension, loaded by Weld through ServiceLoader")
                    .isNotNull();
            assertThat(app.container().select(ApplicationBean.class).get().drain())
                    .as("Drain injected into an @ApplicationScoped application bean")
                    .isSameAs(drain);
            assertThat(app.container().select(PlainApplicationBean.class).get().drain())
                    .as("Drain injected into an application class without annotations (discovered in mode all)")
                    .isSameAs(drain);
        }
    }

    /**
     * Verifies that in a bean-discovery-mode="annotated" archive, where a class without a bean-defining annotation is
     * no bean, Drain is still injected into the annotated bean.
     */
    @Test
    void drainIsInjectedIntoAnnotatedBeanWhenBeansXmlDiscoversAnnotated() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .beansXml("annotated")
                .archiveClasses(ApplicationBean.class, PlainApplicationBean.class)
                .start()) {

            assertThat(app.container().select(PlainApplicationBean.class).isUnsatisfied())
                    .as("the archive really is in annotated mode: the class without annotations is no bean")
                    .isTrue();
            assertThat(app.container().getBeanManager().getExtension(DrainExtension.class))
                    .isNotNull();
            assertThat(app.container().select(ApplicationBean.class).get().drain())
                    .as("Drain injected into an @ApplicationScoped application bean")
                    .isSameAs(app.drain());
        }
    }

    /**
     * Verifies that when the application has no beans.xml the extension still registers Drain for its bean.
     *
     * <p>The application's one bean is declared to Weld SE ({@code Weld.addBeanClass}) instead of being scanned;
     * the only {@code beans.xml} in sight is DrainKit's own, which discovers nothing.
     */
    @Test
    void drainIsInjectedWhenApplicationHasNoBeansXml() throws Exception {
        try (WeldApplication app = WeldApplication.builder()
                .declaredBeanClasses(ApplicationBean.class)
                .start()) {

            assertThat(Collections.list(app.classLoader().getResources("META-INF/beans.xml")))
                    .as("no beans.xml visible to the application but DrainKit's, which excludes all its classes")
                    .allSatisfy(beansXml -> assertThat(beansXml.openStream())
                            .asString(StandardCharsets.UTF_8)
                            .contains("<exclude name=\"io.drainkit.**\"/>"));
            assertThat(app.container().getBeanManager().getExtension(DrainExtension.class))
                    .isNotNull();
            assertThat(app.container().select(ApplicationBean.class).get().drain())
                    .as("Drain injected into the application bean")
                    .isSameAs(app.drain());
        }
    }

    /** An application class without a bean-defining annotation: a bean only in an archive that discovers all. */
    public static class PlainApplicationBean {
        @Inject
        Drain drain;

        Drain drain() {
            return drain;
        }
    }
}

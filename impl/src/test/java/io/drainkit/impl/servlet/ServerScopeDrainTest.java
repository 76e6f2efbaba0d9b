// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainEndpoints;
import io.drainkit.DrainState;

/**
 * Several DrainKit applications in one JVM, each on its own real Jetty 12 server: one preStop call drains every
 * application whose scope is {@code server}, through their MBeans in the platform MBeanServer.
 */
class ServerScopeDrainTest {

    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final MBeanServer MBEANS = ManagementFactory.getPlatformMBeanServer();

    private final List<JettyApplication> applications = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (JettyApplication application : applications) {
            application.close();
        }
    }

    private JettyApplication start(String contextPath, String... settings) throws Exception {
        JettyApplication application = JettyApplication.startAt(contextPath, settings);
        applications.add(application);
        return application;
    }

    private JettyApplication startWithPreStop(String contextPath, String delay) throws Exception {
        return start(
                contextPath,
                "drainkit.delay",
                delay,
                "drainkit.timeout",
                "20s",
                "drainkit.prestop.enabled",
                "true",
                "drainkit.prestop.token",
                TOKEN);
    }

    private static CompletableFuture<ContentResponse> preStop(JettyApplication application) {
        return new CompletableResponseListener(application
                        .http1()
                        .newRequest(application.uri("/drainkit/prestop"))
                        .headers(h -> h.put(DrainEndpoints.TOKEN_HEADER, TOKEN))
                        .timeout(30, TimeUnit.SECONDS))
                .send();
    }

    private static ObjectName mbean(String application) throws Exception {
        return new ObjectName("io.drainkit:type=Drain,application=" + ObjectName.quote(application));
    }

    /**
     * Verifies that a preStop call to one application turns the other DOWN at once, serves through the longer delay,
     * waits for a request in flight in the other, and reports both.
     */
    @Test
    void preStopToOneApplicationDrainsEveryServerScopeApplication() throws Exception {
        JettyApplication shop = startWithPreStop("/shop", "200ms");
        JettyApplication billing = start("/billing", "drainkit.delay", "500ms", "drainkit.timeout", "20s");
        CompletableFuture<ContentResponse> billingRequest = new CompletableResponseListener(
                        billing.http1().newRequest(billing.uri("/block?gate=b")).timeout(30, TimeUnit.SECONDS))
                .send();
        await().atMost(Duration.ofSeconds(10)).until(() -> billing.drain().inFlight() == 1);

        CompletableFuture<ContentResponse> answer = preStop(shop);

        await().atMost(Duration.ofSeconds(5)).until(() -> billing.drain().state() == DrainState.DRAINING);
        assertThat(billing.http1().GET(billing.uri("/drainkit/ready")).getStatus())
                .as("/billing's readiness")
                .isEqualTo(503);
        try {
            answer.get(1500, TimeUnit.MILLISECONDS);
            throw new AssertionError("preStop to /shop answered while /billing had a request in flight");
        } catch (TimeoutException expected) {
            // held by /billing's request, as it must be
        }
        billing.gate("b").countDown();

        ContentResponse response = answer.get(15, TimeUnit.SECONDS);
        assertThat(billingRequest.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        Matcher delay = Pattern.compile("\"delayMs\":(\\d+)").matcher(response.getContentAsString());
        assertThat(delay.find()).isTrue();
        assertThat(Long.parseLong(delay.group(1)))
                .as("one delay for both: /billing's longer one")
                .isBetween(500L, 15_000L);
        assertThat(response.getContentAsString())
                .contains("\"applications\":[{\"application\":\"/shop\",\"state\":\"DRAINED\",\"requestsServed\":0,"
                        + "\"inFlight\":0},{\"application\":\"/billing\",\"state\":\"DRAINED\",\"requestsServed\":1,"
                        + "\"inFlight\":0}]");
        assertThat(billing.drain().report())
                .hasValueSatisfying(
                        report -> assertThat(report.trigger().name()).isEqualTo("PEER"));
    }

    /** Verifies that an application with drainkit.scope=application takes no part in another's drain. */
    @Test
    void applicationScopeDrainsAlone() throws Exception {
        JettyApplication shop = startWithPreStop("/shop", "0");
        JettyApplication alone = start("/alone", "drainkit.scope", "application");

        assertThat(preStop(shop).get(15, TimeUnit.SECONDS).getContentAsString())
                .contains("\"applications\":[{\"application\":\"/shop\"")
                .doesNotContain("/alone");
        assertThat(alone.drain().state()).isEqualTo(DrainState.SERVING);
    }

    /**
     * Verifies that each application registers its MBean with its state, and that an undeployed application leaves no
     * MBean behind and drains no other application.
     */
    @Test
    void undeployLeavesNoMBeanAndDrainsNoOtherApplication() throws Exception {
        JettyApplication shop = startWithPreStop("/shop", "0");
        JettyApplication billing = start("/billing", "drainkit.delay", "0");
        assertThat(MBEANS.getAttribute(mbean("/billing"), "State")).isEqualTo("SERVING");
        assertThat(MBEANS.getAttribute(mbean("/billing"), "Scope")).isEqualTo("server");
        assertThat(MBEANS.getAttribute(mbean("/billing"), "InterfaceVersion")).isEqualTo(1);

        billing.close();
        applications.remove(billing);

        assertThat(MBEANS.isRegistered(mbean("/billing")))
                .as("/billing's MBean after undeploy")
                .isFalse();
        assertThat(shop.drain().state())
                .as("/shop, after /billing was undeployed")
                .isEqualTo(DrainState.SERVING);
        assertThat(preStop(shop).get(15, TimeUnit.SECONDS).getContentAsString())
                .contains("\"applications\":[{\"application\":\"/shop\"")
                .doesNotContain("/billing");
    }

    /** Verifies that the MBean's start operation drains the application and its peers, and shows the report. */
    @Test
    void theMBeanStartsTheDrainAndShowsTheReport() throws Exception {
        JettyApplication shop = start("/shop", "drainkit.delay", "0");
        JettyApplication billing = start("/billing", "drainkit.delay", "0");

        MBEANS.invoke(mbean("/shop"), "start", new Object[0], new String[0]);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> billing.drain().state() == DrainState.DRAINED
                        && shop.drain().state() == DrainState.DRAINED);
        assertThat((String) MBEANS.getAttribute(mbean("/shop"), "LastReport")).contains("\"trigger\":\"JMX\"");
        assertThat((String) MBEANS.getAttribute(mbean("/billing"), "LastReport"))
                .contains("\"trigger\":\"PEER\"");
    }
}

package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** With {@code drainkit.delay.quiet-period}, the delay ends once traffic has stopped, not at its full length. */
public class QuietPeriodEndsDelayEarlyTest extends TckBase {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("quiet-period", TckSettings.withPreStop("60s", "90s")
                .set("drainkit.delay.quiet-period", "500ms")
                .set("drainkit.delay.min", "1s"));
    }

    /** Verifies that with no traffic the 60 s delay ends after the 1 s minimum and the report says so. */
    @Test
    void delayEndsAfterTheMinimumWhenNoRequestArrives() {
        HttpResponse<String> answer = answer(client().preStop(), "the preStop call, with a 60 s delay and no traffic");

        String report = answer.body();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TckClient.number(report, "delayMs")).as("the delay used: " + report)
                .isGreaterThanOrEqualTo(1_000L)
                .isLessThan(60_000L);
        assertDrainedInTime(report);
    }
}

package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** Only the right token starts a drain: anything else is refused and changes nothing. */
@ExtendWith(ArquillianExtension.class)
public class PreStopWithoutValidTokenForbiddenTest {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("prestop-forbidden", TckSettings.withPreStop("0", "30s"));
    }

    /** Verifies that preStop with no token or a wrong one answers 403, and readiness stays UP. */
    @Test
    void preStopWithoutTheRightTokenIs403AndReadinessStaysUp() throws Exception {
        TckClient client = new TckClient(base);
        String[] wrongTokens = {null, "", "wrong", TckSettings.TOKEN.substring(1), TckSettings.TOKEN + "0"};

        for (String token : wrongTokens) {
            HttpResponse<String> response = client.preStop(token).get(TckTimeouts.prompt().toMillis(),
                    TimeUnit.MILLISECONDS);
            assertThat(response.statusCode()).as("preStop with token '%s'", token).isEqualTo(403);
            assertThat(response.body()).as("a refusal tells nothing").doesNotContain(TckSettings.TOKEN, "DRAIN");
        }

        assertThat(client.state()).isEqualTo("SERVING");
        assertThat(client.get("drainkit/ready").statusCode()).isEqualTo(200);
        // Not "no Connection header": Undertow (WildFly) answers every HTTP/1.1 response with Connection: keep-alive.
        assertThat(client.get("work").headers().allValues("Connection")).as("Connection header while serving")
                .noneSatisfy(value -> assertThat(value).containsIgnoringCase("close"));
    }
}

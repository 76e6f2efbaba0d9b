// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/** Only the right token starts a drain: anything else is refused and changes nothing. */
public class PreStopWithoutValidTokenForbiddenTest extends TckBase {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("prestop-forbidden", TckSettings.withPreStop("0", "30s"));
    }

    /** Verifies that preStop with no token or a wrong one answers 403, and readiness stays UP. */
    @Test
    void preStopWithoutTheRightTokenIs403AndReadinessStaysUp() {
        TckClient client = client();
        String[] wrongTokens = {null, "", "wrong", TckSettings.TOKEN.substring(1), TckSettings.TOKEN + "0"};

        for (String token : wrongTokens) {
            HttpResponse<String> response = answer(client.preStop(token), "preStop with token '" + token + "'");
            assertThat(response.statusCode())
                    .as("preStop with token '%s'", token)
                    .isEqualTo(403);
            assertThat(response.body()).as("a refusal tells nothing").doesNotContain(TckSettings.TOKEN, "DRAIN");
        }

        assertThat(client.state()).isEqualTo("SERVING");
        assertThat(client.get("drainkit/ready").statusCode()).isEqualTo(200);
        assertKeepsConnection(client.get("work"), "while serving");
    }
}

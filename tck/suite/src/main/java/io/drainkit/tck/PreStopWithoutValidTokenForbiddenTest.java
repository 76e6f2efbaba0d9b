// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckSettings;
import io.drainkit.tck.deployment.TckWar;

/** Only the right token starts a drain: anything else is refused and changes nothing. */
@TckWar(name = "prestop-forbidden", delay = "0", timeout = "30s")
public class PreStopWithoutValidTokenForbiddenTest extends TckBase {

    /** Verifies that preStop with no token or a wrong one answers 403, and readiness stays UP. */
    @Test
    void preStopWithoutTheRightTokenIs403AndReadinessStaysUp() {
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

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerSettingsTest {

    /** Verifies that with nothing set the example binds 127.0.0.1:8080, loopback only, and serves metrics on 9464. */
    @Test
    void defaultsToLoopbackAnd8080() {
        assertThat(ServerSettings.from(new String[0], Map.of())).isEqualTo(new ServerSettings("127.0.0.1", 8080, 9464));
    }

    /** Verifies that the first argument wins over PORT, and that HOST sets the address. */
    @Test
    void argumentBeforePortVariable() {
        assertThat(ServerSettings.from(new String[] {"9090"}, Map.of("PORT", "7070", "HOST", "0.0.0.0")))
                .isEqualTo(new ServerSettings("0.0.0.0", 9090, 9464));
        assertThat(ServerSettings.from(new String[0], Map.of("PORT", "7070")).port())
                .isEqualTo(7070);
        assertThat(ServerSettings.from(new String[] {"0"}, Map.of()).port())
                .as("0 asks for any free port")
                .isZero();
    }

    /** Verifies that a bad port stops the example with a message that names the value and what is accepted. */
    @Test
    void badPortIsNamed() {
        assertThatThrownBy(() -> ServerSettings.from(new String[] {"80800"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'80800'")
                .hasMessageContaining("0 to 65535");
        assertThatThrownBy(() -> ServerSettings.from(new String[0], Map.of("PORT", "http")))
                .hasMessageContaining("'http'");
    }

    /** Verifies that METRICS_PORT moves the metrics endpoint, and that 0 or off turns it off. */
    @Test
    void metricsPortOrOff() {
        assertThat(ServerSettings.from(new String[0], Map.of("METRICS_PORT", "9100"))
                        .metricsPort())
                .isEqualTo(9100);
        assertThat(ServerSettings.from(new String[0], Map.of("METRICS_PORT", "off"))
                        .metricsEnabled())
                .as("off")
                .isFalse();
        assertThat(ServerSettings.from(new String[0], Map.of("METRICS_PORT", "0"))
                        .metricsEnabled())
                .as("0")
                .isFalse();
        assertThat(ServerSettings.from(new String[0], Map.of()).metricsEnabled())
                .as("not set")
                .isTrue();
        assertThatThrownBy(() -> ServerSettings.from(new String[0], Map.of("METRICS_PORT", "on")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'on'")
                .hasMessageContaining("0 or off = no metrics")
                .hasMessageContaining("METRICS_PORT");
    }
}

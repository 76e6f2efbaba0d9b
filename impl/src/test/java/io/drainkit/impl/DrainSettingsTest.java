// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DrainSettingsTest {

    static DrainSettings read(String... keyValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return DrainSettings.read(key -> Optional.ofNullable(values.get(key)));
    }

    /** Verifies that the defaults are those of the README's table. */
    @Test
    void defaultsMatchTheDocumentedTable() {
        DrainSettings settings = read();

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(25));
        assertThat(settings.connectionClose()).isTrue();
        assertThat(settings.preStopEnabled()).isFalse();
        assertThat(settings.preStopPath()).isEqualTo("/drainkit/prestop");
        assertThat(settings.preStopToken()).isEmpty();
    }

    /** Verifies that the long-lived jitter is 1 s, or half of what the timeout leaves after the delay if shorter. */
    @ParameterizedTest
    @CsvSource({"10s,25s,1000", "10s,11s,500", "0,1s,500", "2s,30s,1000"})
    void longLivedJitterDefaultsToOneSecondOrHalfWhatIsLeft(String delay, String timeout, long millis) {
        assertThat(read("drainkit.delay", delay, "drainkit.timeout", timeout).longLivedJitter())
                .isEqualTo(Duration.ofMillis(millis));
    }

    /** Verifies that a jitter that would end connections at or past the deadline fails, naming the key and the bound. */
    @Test
    void longLivedJitterMustEndBeforeTheDeadline() {
        assertThat(read("drainkit.long-lived.jitter", "14900ms").longLivedJitter())
                .isEqualTo(Duration.ofMillis(14_900));
        assertThatThrownBy(() -> read("drainkit.long-lived.jitter", "15s"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("DRAINKIT-0052 drainkit.long-lived.jitter='15s' is not valid: expected a duration"
                        + " shorter than drainkit.timeout (25s) minus drainkit.delay (10s)");
        assertThatThrownBy(() -> read("drainkit.long-lived.jitter", "soon"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("drainkit.long-lived.jitter='soon' is not valid: expected " + Durations.ACCEPTED);
    }

    /** Verifies that ISO-8601 and the short duration forms are accepted. */
    @ParameterizedTest
    @CsvSource({
        "PT10S,10000",
        "pt0.25s,250",
        "250ms,250",
        "10s,10000",
        "2m,120000",
        "0,0",
        " 15 s ,15000",
        "PT1M30S,90000"
    })
    void durationsAcceptIsoAndShortForms(String text, long millis) {
        assertThat(Durations.parse(text)).contains(Duration.ofMillis(millis));
    }

    /** Verifies that malformed and negative durations are refused. */
    @ParameterizedTest
    @ValueSource(strings = {"abc", "10", "-5s", "PT-5S", "10h", "1.5s", ""})
    void badDurationsAreRefused(String text) {
        assertThat(Durations.parse(text)).isEmpty();
    }

    /** Verifies that a bad value fails with a message naming the key, the value and what is accepted. */
    @Test
    void badValueNamesKeyValueAndWhatIsAccepted() {
        assertThatThrownBy(() -> read("drainkit.delay", "ten seconds"))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("DRAINKIT-0005")
                .hasMessageContaining("drainkit.delay='ten seconds'")
                .hasMessageContaining("PT10S");
    }

    /** Verifies that every bad key is reported at once, not one per deployment attempt. */
    @Test
    void everyProblemIsReportedTogether() {
        assertThatThrownBy(() ->
                        read("drainkit.enabled", "yes", "drainkit.connection-close", "1", "drainkit.timeout", "soon"))
                .isInstanceOfSatisfying(InvalidSettingsException.class, invalid -> assertThat(invalid.problems())
                        .hasSize(3)
                        .anySatisfy(p ->
                                assertThat(p).contains("drainkit.enabled='yes'").contains("true or false"))
                        .anySatisfy(p -> assertThat(p).contains("drainkit.connection-close='1'"))
                        .anySatisfy(p -> assertThat(p).contains("drainkit.timeout='soon'")));
    }

    /** Verifies that the timeout must exceed the delay, as the deadline counts from the trigger. */
    @ParameterizedTest
    @CsvSource({"10s,10s", "10s,5s", "30s,PT20S"})
    void timeoutMustExceedDelay(String delay, String timeout) {
        assertThatThrownBy(() -> read("drainkit.delay", delay, "drainkit.timeout", timeout))
                .hasMessageContaining("drainkit.timeout=")
                .hasMessageContaining("longer than drainkit.delay");
    }

    /** Verifies that enabling the preStop endpoint without a token fails and says how to set one. */
    @Test
    void preStopWithoutTokenFails() {
        assertThatThrownBy(() -> read("drainkit.prestop.enabled", "true"))
                .hasMessageContaining("drainkit.prestop.token is not set")
                .hasMessageContaining("DRAINKIT_PRESTOP_TOKEN");
        assertThatThrownBy(() -> read("drainkit.prestop.enabled", "true", "drainkit.prestop.token", "   "))
                .hasMessageContaining("drainkit.prestop.token is not set");
    }

    /** Verifies that the preStop path must be an exact servlet path, not the readiness path. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "drain",
                "/drain/*",
                "/drain/",
                "/a b",
                "/x?y=1",
                "/a//b",
                "/drainkit/pre;stop",
                "/drainkit/prestop;",
                "/drainkit/../prestop2",
                "/drainkit/./prestop",
                "/..",
                "/.",
                "/drainkit/..",
                "/drainkit/%70restop",
                "/drain#kit",
                "/",
                "//drain"
            })
    void badPreStopPathsAreRefused(String path) {
        assertThatThrownBy(() -> read("drainkit.prestop.path", path))
                .hasMessageContaining("drainkit.prestop.path='" + path + "'")
                .hasMessageContaining("that the container maps unchanged");
    }

    /** Verifies that the preStop endpoint cannot take the readiness endpoint's path. */
    @Test
    void preStopPathCannotBeTheReadinessPath() {
        assertThatThrownBy(() -> read("drainkit.prestop.path", "/drainkit/ready"))
                .hasMessageContaining(
                        "drainkit.prestop.path='/drainkit/ready' is not valid: expected a path other than");
    }

    /** Verifies that paths with dots inside a segment, and the other characters containers keep, are accepted. */
    @ParameterizedTest
    @ValueSource(strings = {"/drainkit/prestop", "/ops/pre.stop", "/a/..b/c.", "/x/~y/_z-1/a:b@c/!$&'()+,="})
    void exactPreStopPathsAreAccepted(String path) {
        assertThat(read("drainkit.prestop.path", path).preStopPath()).isEqualTo(path);
    }

    /**
     * Verifies that a token a header cannot carry unchanged (containers decode header values as ISO-8859-1) fails
     * the deployment naming the key and what is accepted, without printing the value.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "T\u00f6k\u00e9n-0123456789abcdef",
                "two words-0123456789abcdef",
                "tab\tinside-0123456789",
                "emoji-\ud83d\ude00-0123456789abcdef"
            })
    void tokensAHeaderCannotCarryAreRefusedWithoutPrintingThem(String token) {
        assertThatThrownBy(() -> read("drainkit.prestop.enabled", "true", "drainkit.prestop.token", token))
                .hasMessageContaining("drainkit.prestop.token is not valid")
                .hasMessageContaining("visible ASCII")
                .hasMessageNotContaining(token.substring(0, 3))
                .hasMessageNotContaining("is not set");
    }

    /** Verifies that every visible ASCII character is accepted in a token. */
    @Test
    void everyVisibleAsciiCharacterIsAcceptedInAToken() {
        StringBuilder all = new StringBuilder();
        for (char c = '!'; c <= '~'; c++) {
            all.append(c);
        }
        assertThat(read("drainkit.prestop.enabled", "true", "drainkit.prestop.token", all.toString())
                        .preStopToken())
                .contains(all.toString());
    }

    /** Verifies that a full preStop configuration is read, and that toString never shows the token. */
    @Test
    void preStopSettingsAreReadAndTheTokenIsNeverPrinted() {
        DrainSettings settings = read(
                "drainkit.prestop.enabled",
                "TRUE",
                "drainkit.prestop.path",
                "/ops/drain",
                "drainkit.prestop.token",
                " s3cret-token-1234567 ");

        assertThat(settings.preStopEnabled()).isTrue();
        assertThat(settings.preStopPath()).isEqualTo("/ops/drain");
        assertThat(settings.preStopToken()).contains("s3cret-token-1234567");
        assertThat(settings.toString()).doesNotContain("s3cret").contains("preStopToken=****");
    }

    /** Verifies that system properties win over the environment, which is read with MP Config's names. */
    @Test
    void environmentIsReadWithMicroProfileNames() {
        Map<String, String> env = Map.of(
                "DRAINKIT_PRESTOP_TOKEN",
                "from-env",
                "DRAINKIT_CONNECTION_CLOSE",
                "false",
                "drainkit_delay",
                "3s",
                "DRAINKIT_TIMEOUT",
                "9s");
        Map<String, String> properties = Map.of("drainkit.timeout", "7s");
        ConfigReader reader = ConfigReader.of(properties::get, env::get);

        assertThat(reader.value("drainkit.prestop.token")).contains("from-env");
        assertThat(reader.value("drainkit.connection-close")).contains("false");
        assertThat(reader.value("drainkit.delay"))
                .as("sanitized, before upper case")
                .contains("3s");
        assertThat(reader.value("drainkit.timeout")).as("system property first").contains("7s");
        assertThat(reader.value("drainkit.enabled")).isEmpty();
    }

    /** Verifies that without a MicroProfile Config implementation the system reader is used. */
    @Test
    void withoutMicroProfileConfigImplementationSystemPropertiesAreRead() {
        String key = "drainkit.test.only." + System.nanoTime();
        System.setProperty(key, "here");
        try {
            assertThat(ConfigReader.forApplication(getClass().getClassLoader()).value(key))
                    .contains("here");
        } finally {
            System.clearProperty(key);
        }
    }

    /** Verifies the defaults of the optional features: no quiet period, a 32s floor, no budget check, serve. */
    @Test
    void optionalFeaturesAreOffByDefault() {
        DrainSettings settings = read();

        assertThat(settings.quietPeriod()).isEmpty();
        assertThat(settings.minDelay())
                .as("10s probe period x 3 failures + 2s propagation")
                .isEqualTo(Duration.ofSeconds(32));
        assertThat(settings.gracePeriod()).isEmpty();
        assertThat(settings.spareGracePeriod()).isEmpty();
        assertThat(settings.lateRequests()).isEqualTo(DrainSettings.LateRequests.SERVE);
        assertThat(settings.retryAfter()).isEqualTo(Duration.ofSeconds(5));
    }

    /** Verifies that the quiet period, minimum delay, late-request policy and Retry-After are read. */
    @Test
    void optionalFeaturesAreRead() {
        DrainSettings settings = read(
                "drainkit.delay.quiet-period",
                "1s",
                "drainkit.delay.min",
                "3s",
                "drainkit.late-requests",
                "Reject",
                "drainkit.late-requests.retry-after",
                "PT2S");

        assertThat(settings.quietPeriod()).contains(Duration.ofSeconds(1));
        assertThat(settings.minDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.lateRequests()).isEqualTo(DrainSettings.LateRequests.REJECT);
        assertThat(settings.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    /** Verifies that an explicit minimum longer than the delay, a zero quiet period and an unknown policy fail. */
    @Test
    void inconsistentOptionalFeaturesFail() {
        assertThatThrownBy(() -> read("drainkit.delay.min", "20s"))
                .hasMessageContaining("drainkit.delay.min='20s'")
                .hasMessageContaining("no longer than drainkit.delay");
        assertThatThrownBy(() -> read("drainkit.delay.quiet-period", "0"))
                .hasMessageContaining("drainkit.delay.quiet-period='0s'");
        assertThatThrownBy(() -> read("drainkit.late-requests", "drop"))
                .hasMessageContaining("drainkit.late-requests='drop'")
                .hasMessageContaining("serve or reject");
    }

    /** Verifies that a grace period too short for timeout + stop margin fails, saying what it must be raised to. */
    @Test
    void gracePeriodTooShortForTheTimeoutFails() {
        assertThatThrownBy(() -> read("drainkit.grace-period", "28s"))
                .hasMessageContaining("drainkit.grace-period='28s'")
                .hasMessageContaining("terminationGracePeriodSeconds")
                .hasMessageContaining("30s");
    }

    /** Verifies that a grace period that fits reports what is spare after timeout and stop margin. */
    @Test
    void gracePeriodThatFitsReportsTheSpare() {
        assertThat(read("drainkit.grace-period", "30s").spareGracePeriod()).contains(Duration.ZERO);
        assertThat(read("drainkit.grace-period", "60s", "drainkit.timeout", "20s")
                        .spareGracePeriod())
                .contains(Duration.ofSeconds(35));
    }
}

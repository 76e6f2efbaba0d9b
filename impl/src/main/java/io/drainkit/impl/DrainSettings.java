// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * DrainKit's configuration, read once per application and validated as a whole.
 *
 * @param enabled         {@code drainkit.enabled}: master switch
 * @param delay           {@code drainkit.delay}: keep serving this long after the trigger, readiness DOWN
 * @param timeout         {@code drainkit.timeout}: hard deadline from the trigger; exceeds the delay
 * @param connectionClose {@code drainkit.connection-close}: add {@code Connection: close} while draining
 * @param preStopEnabled  {@code drainkit.prestop.enabled}: serve the preStop endpoint
 * @param preStopPath     {@code drainkit.prestop.path}: where, relative to the context path
 * @param preStopToken    {@code drainkit.prestop.token}: the secret the hook sends; required when enabled
 * @param quietPeriod     {@code drainkit.delay.quiet-period}: end the delay early once no request was admitted
 *                        for this long; empty (the default) keeps the full delay
 * @param minDelay        the floor: with a quiet period, the delay never ends before this; {@code drainkit.delay.min}
 *                        if set, else {@code drainkit.probe.period} × {@code drainkit.probe.failure-threshold} +
 *                        {@code drainkit.propagation}; shorter than the delay whenever a quiet period is set
 * @param gracePeriod     {@code drainkit.grace-period}: the pod's terminationGracePeriodSeconds, checked
 *                        against the timeout when set
 * @param lateRequests    {@code drainkit.late-requests}: what happens to requests that arrive after the delay
 * @param retryAfter      {@code drainkit.late-requests.retry-after}: the Retry-After of a rejected late request
 * @param scope           {@code drainkit.scope}: whether a drain covers every DrainKit application of the server
 * @param longLivedJitter {@code drainkit.long-lived.jitter}: the window over which held long-lived connections are
 *                        ended, from the end of the delay; delay + jitter stays under the timeout
 */
public record DrainSettings(
        boolean enabled,
        Duration delay,
        Duration timeout,
        boolean connectionClose,
        boolean preStopEnabled,
        String preStopPath,
        Optional<String> preStopToken,
        Optional<Duration> quietPeriod,
        Duration minDelay,
        Optional<Duration> gracePeriod,
        LateRequests lateRequests,
        Duration retryAfter,
        Scope scope,
        Duration longLivedJitter) {

    /** The prefix of every key. */
    public static final String PREFIX = "drainkit.";

    public static final String ENABLED = PREFIX + "enabled";
    public static final String DELAY = PREFIX + "delay";
    public static final String TIMEOUT = PREFIX + "timeout";
    public static final String CONNECTION_CLOSE = PREFIX + "connection-close";
    public static final String PRESTOP_ENABLED = PREFIX + "prestop.enabled";
    public static final String PRESTOP_PATH = PREFIX + "prestop.path";
    public static final String PRESTOP_TOKEN = PREFIX + "prestop.token";
    public static final String QUIET_PERIOD = PREFIX + "delay.quiet-period";
    public static final String MIN_DELAY = PREFIX + "delay.min";
    public static final String PROBE_PERIOD = PREFIX + "probe.period";
    public static final String PROBE_FAILURE_THRESHOLD = PREFIX + "probe.failure-threshold";
    public static final String PROPAGATION = PREFIX + "propagation";
    public static final String GRACE_PERIOD = PREFIX + "grace-period";
    public static final String LATE_REQUESTS = PREFIX + "late-requests";
    public static final String RETRY_AFTER = PREFIX + "late-requests.retry-after";
    public static final String SCOPE = PREFIX + "scope";
    public static final String LONG_LIVED_JITTER = PREFIX + "long-lived.jitter";

    /** The jitter unless set, or half of what the timeout leaves after the delay if that is shorter. */
    public static final Duration DEFAULT_LONG_LIVED_JITTER = Duration.ofSeconds(1);

    /**
     * What the server needs after the drain to stop by itself, within the pod's grace period: the budget
     * check requires {@code timeout + STOP_MARGIN <= grace-period}, and warns when less than this is spare.
     */
    public static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    /** Shorter preStop tokens are accepted with a warning: anyone who guesses one can take the pod out of service. */
    public static final int MIN_TOKEN_LENGTH = 16;

    /**
     * Reads and validates every key; all problems are reported together.
     *
     * @param config where the values come from
     * @return the settings
     * @throws InvalidSettingsException naming each bad key, its value and what is accepted
     */
    public static DrainSettings read(ConfigReader config) {
        return SettingsReader.read(config);
    }

    /**
     * @return how much of the grace period is left after the timeout and the stop margin, if one is set
     */
    public Optional<Duration> spareGracePeriod() {
        return gracePeriod.map(grace -> grace.minus(timeout).minus(STOP_MARGIN));
    }

    @Override
    public String toString() {
        // Never print the token.
        return "DrainSettings[enabled=" + enabled + ", delay=" + Durations.format(delay)
                + ", timeout=" + Durations.format(timeout) + ", connectionClose=" + connectionClose
                + ", preStopEnabled=" + preStopEnabled + ", preStopPath=" + preStopPath
                + ", preStopToken=" + (preStopToken.isPresent() ? "****" : "unset")
                + ", quietPeriod=" + quietPeriod.map(Durations::format).orElse("off")
                + ", minDelay=" + Durations.format(minDelay)
                + ", gracePeriod=" + gracePeriod.map(Durations::format).orElse("unchecked")
                + ", lateRequests=" + lateRequests.name().toLowerCase(Locale.ROOT)
                + ", retryAfter=" + Durations.format(retryAfter)
                + ", scope=" + scope.name().toLowerCase(Locale.ROOT)
                + ", longLivedJitter=" + Durations.format(longLivedJitter) + "]";
    }

    /** Which applications one drain covers. */
    public enum Scope {
        /** Every DrainKit application of the server (the JVM) whose scope is {@code server} (the default). */
        SERVER,
        /** This application alone. */
        APPLICATION
    }

    /** What DrainKit does with a request that arrives after the delay, while it waits for the others. */
    public enum LateRequests {
        /** Serve it, like any other (the default). */
        SERVE,
        /** Answer 503 with Retry-After and Connection: close, so that a retrying client goes elsewhere. */
        REJECT
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static io.drainkit.impl.DrainSettings.CONNECTION_CLOSE;
import static io.drainkit.impl.DrainSettings.DELAY;
import static io.drainkit.impl.DrainSettings.ENABLED;
import static io.drainkit.impl.DrainSettings.GRACE_PERIOD;
import static io.drainkit.impl.DrainSettings.LATE_REQUESTS;
import static io.drainkit.impl.DrainSettings.LONG_LIVED_JITTER;
import static io.drainkit.impl.DrainSettings.MIN_DELAY;
import static io.drainkit.impl.DrainSettings.PRESTOP_ENABLED;
import static io.drainkit.impl.DrainSettings.PRESTOP_PATH;
import static io.drainkit.impl.DrainSettings.PRESTOP_TOKEN;
import static io.drainkit.impl.DrainSettings.PROBE_FAILURE_THRESHOLD;
import static io.drainkit.impl.DrainSettings.PROBE_PERIOD;
import static io.drainkit.impl.DrainSettings.PROPAGATION;
import static io.drainkit.impl.DrainSettings.QUIET_PERIOD;
import static io.drainkit.impl.DrainSettings.RETRY_AFTER;
import static io.drainkit.impl.DrainSettings.SCOPE;
import static io.drainkit.impl.DrainSettings.STOP_MARGIN;
import static io.drainkit.impl.DrainSettings.TIMEOUT;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import io.drainkit.DrainEndpoints;
import io.drainkit.impl.DrainSettings.LateRequests;

/**
 * Reads DrainKit's settings and checks them as a whole: every bad key is collected, with its value (never a
 * secret's) and what is accepted, and reported together. One instance per read; not thread-safe.
 */
final class SettingsReader {

    /**
     * Tokens a request header carries unchanged: visible ASCII, no space. Containers decode header values as
     * ISO-8859-1, so any other character could never match what the hook sends.
     */
    private static final Pattern HEADER_TOKEN = Pattern.compile("[!-~]+");

    private final ConfigReader config;
    private final SettingValues values;

    private SettingsReader(ConfigReader config) {
        this.config = config;
        this.values = new SettingValues(config);
    }

    /**
     * @param config where the values come from
     * @return the settings; those of a disabled application have no delay and no endpoint, so that nothing else
     *         needs to ask whether DrainKit is enabled to know what a drain does
     * @throws InvalidSettingsException naming each bad key, its value and what is accepted
     */
    static DrainSettings read(ConfigReader config) {
        return new SettingsReader(config).read();
    }

    private DrainSettings read() {
        boolean enabled = values.bool(ENABLED, true);
        Duration delay = values.duration(DELAY, Duration.ofSeconds(10));
        Duration timeout = values.duration(TIMEOUT, Duration.ofSeconds(25));
        boolean connectionClose = values.bool(CONNECTION_CLOSE, true);
        boolean preStopEnabled = values.bool(PRESTOP_ENABLED, false);
        String preStopPath = values.path(PRESTOP_PATH, DrainEndpoints.DEFAULT_PRESTOP_PATH);
        Optional<String> preStopToken =
                config.value(PRESTOP_TOKEN).map(String::trim).filter(t -> !t.isEmpty());
        Optional<Duration> quietPeriod = Optional.ofNullable(values.duration(QUIET_PERIOD, null));
        // Kubernetes' readinessProbe defaults (periodSeconds 10, failureThreshold 3) and 2 s for the endpoint's
        // removal to reach kube-proxy and the ingress: the slowest balancer that routes by readiness needs that long.
        Duration probePeriod = values.duration(PROBE_PERIOD, Duration.ofSeconds(10));
        int failureThreshold = values.wholeNumber(PROBE_FAILURE_THRESHOLD, 3);
        Duration propagation = values.duration(PROPAGATION, Duration.ofSeconds(2));
        Duration minDelay = values.duration(MIN_DELAY, floor(probePeriod, failureThreshold, propagation));
        Optional<Duration> gracePeriod = Optional.ofNullable(values.duration(GRACE_PERIOD, null));
        LateRequests lateRequests = values.choice(LATE_REQUESTS, LateRequests.class, LateRequests.SERVE);
        Duration retryAfter = values.duration(RETRY_AFTER, Duration.ofSeconds(5));
        DrainSettings.Scope scope = values.choice(SCOPE, DrainSettings.Scope.class, DrainSettings.Scope.SERVER);
        Duration jitter = longLivedJitter(delay, timeout);

        quietPeriod
                .filter(Duration::isZero)
                .ifPresent(zero -> values.problem(
                        QUIET_PERIOD, zero, "a duration longer than 0, or no value to keep the full delay"));
        if (probePeriod != null && probePeriod.isZero()) {
            values.problem(PROBE_PERIOD, probePeriod, "a duration longer than 0");
        }
        boolean explicitFloor = config.value(MIN_DELAY).isPresent();
        if (quietPeriod.isPresent() && delay != null && minDelay != null && minDelay.compareTo(delay) >= 0) {
            values.add(
                    explicitFloor
                            ? SetupMessages.explicitFloorNotBeforeDelay(minDelay, delay)
                            : SetupMessages.probeFloorNotBeforeDelay(
                                    probePeriod, failureThreshold, propagation, minDelay, delay));
        } else if (delay != null && minDelay != null && explicitFloor && minDelay.compareTo(delay) > 0) {
            values.problem(
                    MIN_DELAY, minDelay, "a duration no longer than " + DELAY + " (" + Durations.format(delay) + ")");
        }
        if (timeout != null
                && gracePeriod.isPresent()
                && timeout.plus(STOP_MARGIN).compareTo(gracePeriod.get()) > 0) {
            values.add(SetupMessages.gracePeriodTooShort(gracePeriod.get(), timeout));
        }
        if (delay != null && timeout != null && timeout.compareTo(delay) <= 0) {
            values.add(SetupMessages.timeoutNotAfterDelay(timeout, delay));
        }
        if (preStopToken.isPresent()
                && !HEADER_TOKEN.matcher(preStopToken.get()).matches()) {
            values.add(SetupMessages.tokenUnusable());
        } else if (preStopEnabled && preStopToken.isEmpty()) {
            values.add(SetupMessages.tokenMissing());
        }
        if (preStopPath != null && preStopPath.equals(DrainEndpoints.READINESS_PATH)) {
            values.problem(PRESTOP_PATH, preStopPath, "a path other than " + DrainEndpoints.READINESS_PATH);
        }
        if (values.hasProblems()) {
            throw new InvalidSettingsException(values.problems());
        }
        DrainSettings settings = enabled
                ? new DrainSettings(
                        true,
                        delay,
                        timeout,
                        connectionClose,
                        preStopEnabled,
                        preStopPath,
                        preStopToken,
                        quietPeriod,
                        minDelay,
                        gracePeriod,
                        lateRequests,
                        retryAfter,
                        scope,
                        jitter)
                : new DrainSettings(
                        false,
                        Duration.ZERO,
                        timeout,
                        false,
                        false,
                        preStopPath,
                        Optional.empty(),
                        Optional.empty(),
                        Duration.ZERO,
                        gracePeriod,
                        LateRequests.SERVE,
                        retryAfter,
                        DrainSettings.Scope.APPLICATION,
                        Duration.ZERO);
        warnAboutRisks(settings);
        return settings;
    }

    /** @return the jitter; by default 1 s, or half of what the timeout leaves after the delay if that is shorter */
    private Duration longLivedJitter(Duration delay, Duration timeout) {
        Duration set = values.duration(LONG_LIVED_JITTER, null);
        if (delay == null || timeout == null || timeout.compareTo(delay) <= 0) {
            return null; // reported on their own
        }
        Duration left = timeout.minus(delay);
        if (set != null && set.compareTo(left) >= 0) {
            values.add(SetupMessages.jitterNotBeforeDeadline(set, delay, timeout));
        }
        return set != null ? set : Durations.shorter(DrainSettings.DEFAULT_LONG_LIVED_JITTER, left.dividedBy(2));
    }

    private static void warnAboutRisks(DrainSettings settings) {
        settings.preStopToken()
                .filter(token -> token.length() < DrainSettings.MIN_TOKEN_LENGTH)
                .ifPresent(token -> SetupMessages.weakToken(token.length()));
        settings.spareGracePeriod()
                .filter(spare -> spare.compareTo(STOP_MARGIN) < 0)
                .ifPresent(spare -> SetupMessages.tightGracePeriod(
                        spare, settings.gracePeriod().orElseThrow(), settings.timeout()));
    }

    /** @return probe period x failure threshold + propagation, or {@code null} if a part is not valid */
    private Duration floor(Duration probePeriod, int failureThreshold, Duration propagation) {
        if (probePeriod == null || propagation == null) {
            return null;
        }
        try {
            Duration floor = probePeriod.multipliedBy(failureThreshold).plus(propagation);
            floor.toMillis(); // messages show it in milliseconds: it must fit
            return floor;
        } catch (ArithmeticException beyondAnyDelay) {
            values.problem(
                    PROBE_FAILURE_THRESHOLD,
                    failureThreshold,
                    "a number that, times " + PROBE_PERIOD + " (" + Durations.format(probePeriod)
                            + "), gives a duration a clock can count");
            return null;
        }
    }
}

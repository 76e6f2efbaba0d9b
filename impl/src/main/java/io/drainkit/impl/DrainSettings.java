package io.drainkit.impl;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.drainkit.DrainEndpoints;

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
        Duration retryAfter) {

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

    /**
     * What the server needs after the drain to stop by itself, within the pod's grace period: the budget
     * check requires {@code timeout + STOP_MARGIN <= grace-period}, and warns when less than this is spare.
     */
    public static final Duration STOP_MARGIN = Duration.ofSeconds(5);

    /** Shorter preStop tokens are accepted with a warning: anyone who guesses one can take the pod out of service. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");
    /**
     * Paths the servlet container maps as written: one or more non-empty segments of characters that no container
     * decodes, strips or resolves. Excluded: {@code ;} (path parameters are stripped before mapping), {@code %}
     * (decoded), {@code ?} and {@code #} (never part of a path), empty segments and a trailing {@code /}. Dot
     * segments are refused separately.
     */
    private static final Pattern SERVLET_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()+,=:@-]+)+");
    /**
     * Tokens a request header carries unchanged: visible ASCII, no space. Containers decode header values as
     * ISO-8859-1, so any other character could never match what the hook sends.
     */
    private static final Pattern HEADER_TOKEN = Pattern.compile("[!-~]+");

    /**
     * Reads and validates every key; all problems are reported together.
     *
     * @param config where the values come from
     * @return the settings
     * @throws InvalidSettingsException naming each bad key, its value and what is accepted
     */
    public static DrainSettings read(ConfigReader config) {
        Reader reader = new Reader(config);
        boolean enabled = reader.bool(ENABLED, true);
        Duration delay = reader.duration(DELAY, Duration.ofSeconds(10));
        Duration timeout = reader.duration(TIMEOUT, Duration.ofSeconds(25));
        boolean connectionClose = reader.bool(CONNECTION_CLOSE, true);
        boolean preStopEnabled = reader.bool(PRESTOP_ENABLED, false);
        String preStopPath = reader.path(PRESTOP_PATH, DrainEndpoints.DEFAULT_PRESTOP_PATH);
        Optional<String> preStopToken = reader.token(PRESTOP_TOKEN);
        Optional<Duration> quietPeriod = Optional.ofNullable(reader.duration(QUIET_PERIOD, null));
        // Kubernetes' readinessProbe defaults (periodSeconds 10, failureThreshold 3) and 2 s for the endpoint's
        // removal to reach kube-proxy and the ingress: the slowest balancer that routes by readiness needs that long.
        Duration probePeriod = reader.duration(PROBE_PERIOD, Duration.ofSeconds(10));
        int failureThreshold = reader.wholeNumber(PROBE_FAILURE_THRESHOLD, 3);
        Duration propagation = reader.duration(PROPAGATION, Duration.ofSeconds(2));
        Duration minDelay = reader.duration(MIN_DELAY, reader.floor(probePeriod, failureThreshold, propagation));
        Optional<Duration> gracePeriod = Optional.ofNullable(reader.duration(GRACE_PERIOD, null));
        LateRequests lateRequests = reader.lateRequests(LATE_REQUESTS);
        Duration retryAfter = reader.duration(RETRY_AFTER, Duration.ofSeconds(5));

        quietPeriod.filter(Duration::isZero).ifPresent(zero -> reader.problem(QUIET_PERIOD, zero,
                "a duration longer than 0, or no value to keep the full delay"));
        if (probePeriod != null && probePeriod.isZero()) {
            reader.problem(PROBE_PERIOD, probePeriod, "a duration longer than 0");
        }
        if (quietPeriod.isPresent() && delay != null && minDelay != null && minDelay.compareTo(delay) >= 0) {
            reader.problems.add(floorNotBeforeDelay(config.value(MIN_DELAY).isPresent(), minDelay, delay,
                    probePeriod, failureThreshold, propagation));
        } else if (delay != null && minDelay != null && config.value(MIN_DELAY).isPresent()
                && minDelay.compareTo(delay) > 0) {
            reader.problem(MIN_DELAY, minDelay, "a duration no longer than " + DELAY + " (" + format(delay) + ")");
        }
        if (timeout != null && gracePeriod.isPresent() && timeout.plus(STOP_MARGIN).compareTo(gracePeriod.get()) > 0) {
            reader.problem(GRACE_PERIOD, gracePeriod.get(), "at least " + DrainSettings.TIMEOUT + " ("
                    + format(timeout) + ") + " + format(STOP_MARGIN) + " for the server's own stop: raise the pod's"
                    + " terminationGracePeriodSeconds (and this key) to " + format(timeout.plus(STOP_MARGIN))
                    + " or more, or lower " + TIMEOUT);
        }

        if (delay != null && timeout != null && timeout.compareTo(delay) <= 0) {
            reader.problem(TIMEOUT, timeout, "a duration longer than " + DELAY + " (" + format(delay)
                    + "): the deadline counts from the trigger and must leave time to wait after the delay");
        }
        if (preStopEnabled && preStopToken.isEmpty() && !reader.refused(PRESTOP_TOKEN)) {
            reader.problems.add(PRESTOP_TOKEN + " is not set, but " + PRESTOP_ENABLED + "=true: set "
                    + PRESTOP_TOKEN + " (or DRAINKIT_PRESTOP_TOKEN) to a secret, at least " + MIN_TOKEN_LENGTH
                    + " characters,"
                    + " that the preStop hook sends in the X-DrainKit-Token header");
        }
        if (preStopPath != null && preStopPath.equals(DrainEndpoints.READINESS_PATH)) {
            reader.problem(PRESTOP_PATH, preStopPath, "a path other than " + DrainEndpoints.READINESS_PATH);
        }
        if (!reader.problems.isEmpty()) {
            throw new InvalidSettingsException(reader.problems);
        }
        return new DrainSettings(enabled, delay, timeout, connectionClose, preStopEnabled, preStopPath,
                preStopToken, quietPeriod, minDelay, gracePeriod, lateRequests, retryAfter);
    }

    private static String floorNotBeforeDelay(boolean explicit, Duration floor, Duration delay, Duration probePeriod,
            int failureThreshold, Duration propagation) {
        String what = explicit ? MIN_DELAY + "='" + format(floor) + "'"
                : "The quiet period's floor, " + PROBE_PERIOD + " (" + format(probePeriod) + ") x "
                        + PROBE_FAILURE_THRESHOLD + " (" + failureThreshold + ") + " + PROPAGATION + " ("
                        + format(propagation) + ") = " + format(floor) + ",";
        String fix = explicit ? "lower " + MIN_DELAY + " below " + format(delay)
                : "set " + PROBE_PERIOD + " and " + PROBE_FAILURE_THRESHOLD + " to your readiness probe's periodSeconds"
                        + " and failureThreshold and " + PROPAGATION + " to the time the endpoint's removal takes to"
                        + " reach your load balancers (or " + MIN_DELAY + " to the time they need to stop sending),"
                        + " shorter than " + format(delay) + " in all";
        return what + " is not shorter than " + DELAY + " (" + format(delay) + "): with " + QUIET_PERIOD + " set, the"
                + " delay could never end early. Either " + fix + ", or raise " + DELAY + " above " + format(floor)
                + ", or remove " + QUIET_PERIOD;
    }

    /**
     * @return how much of the grace period is left after the timeout and the stop margin, if one is set
     */
    public Optional<Duration> spareGracePeriod() {
        return gracePeriod.map(grace -> grace.minus(timeout).minus(STOP_MARGIN));
    }

    /**
     * Parses a duration as DrainKit accepts it: ISO-8601 ({@code PT10S}), {@code 250ms}, {@code 10s},
     * {@code 2m}, or {@code 0}.
     *
     * @param text the value
     * @return the duration, or empty if {@code text} is none of those or negative
     */
    public static Optional<Duration> parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher shortForm = SHORT_DURATION.matcher(value);
        if (shortForm.matches()) {
            long amount = Long.parseLong(shortForm.group(1));
            switch (shortForm.group(2)) {
                case "ms":
                    return Optional.of(Duration.ofMillis(amount));
                case "s":
                    return Optional.of(Duration.ofSeconds(amount));
                default:
                    return Optional.of(Duration.ofMinutes(amount));
            }
        }
        try {
            Duration duration = Duration.parse(value.toUpperCase(Locale.ROOT));
            return duration.isNegative() ? Optional.empty() : Optional.of(duration);
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    /** @return the duration as DrainKit writes it in messages, e.g. {@code 10s} or {@code 250ms} */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    @Override
    public String toString() {
        // Never print the token.
        return "DrainSettings[enabled=" + enabled + ", delay=" + format(delay) + ", timeout=" + format(timeout)
                + ", connectionClose=" + connectionClose + ", preStopEnabled=" + preStopEnabled
                + ", preStopPath=" + preStopPath + ", preStopToken=" + (preStopToken.isPresent() ? "****" : "unset")
                + ", quietPeriod=" + quietPeriod.map(DrainSettings::format).orElse("off") + ", minDelay="
                + format(minDelay) + ", gracePeriod=" + gracePeriod.map(DrainSettings::format).orElse("unchecked")
                + ", lateRequests=" + lateRequests.name().toLowerCase(Locale.ROOT) + ", retryAfter=" + format(retryAfter)
                + "]";
    }

    private static final class Reader {
        private final ConfigReader config;
        private final List<String> problems = new ArrayList<>();
        private final List<String> refusedKeys = new ArrayList<>();

        Reader(ConfigReader config) {
            this.config = config;
        }

        boolean bool(String key, boolean defaultValue) {
            Optional<String> raw = config.value(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            String value = raw.get().trim().toLowerCase(Locale.ROOT);
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
            problem(key, raw.get(), "true or false");
            return defaultValue;
        }

        Duration duration(String key, Duration defaultValue) {
            Optional<String> raw = config.value(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            Optional<Duration> parsed = parseDuration(raw.get());
            if (parsed.isEmpty()) {
                problem(key, raw.get(), "a duration that is not negative: ISO-8601 such as PT10S, or 250ms, 10s, 2m");
                return null;
            }
            return parsed.get();
        }

        int wholeNumber(String key, int defaultValue) {
            Optional<String> raw = config.value(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            try {
                int value = Integer.parseInt(raw.get().trim());
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException notANumber) {
                // reported below
            }
            problem(key, raw.get(), "a whole number, 1 or more");
            return defaultValue;
        }

        /** @return probe period x failure threshold + propagation, or {@code null} if a part is not valid */
        Duration floor(Duration probePeriod, int failureThreshold, Duration propagation) {
            if (probePeriod == null || propagation == null) {
                return null;
            }
            try {
                Duration floor = probePeriod.multipliedBy(failureThreshold).plus(propagation);
                floor.toMillis(); // messages show it in milliseconds: it must fit
                return floor;
            } catch (ArithmeticException beyondAnyDelay) {
                problem(PROBE_FAILURE_THRESHOLD, failureThreshold, "a number that, times " + PROBE_PERIOD + " ("
                        + format(probePeriod) + "), gives a duration a clock can count");
                return null;
            }
        }

        LateRequests lateRequests(String key) {
            Optional<String> raw = config.value(key);
            if (raw.isEmpty()) {
                return LateRequests.SERVE;
            }
            try {
                return LateRequests.valueOf(raw.get().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                problem(key, raw.get(), "serve or reject");
                return LateRequests.SERVE;
            }
        }

        String path(String key, String defaultValue) {
            Optional<String> raw = config.value(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            String value = raw.get().trim();
            boolean dotSegment = (value + "/").contains("/./") || (value + "/").contains("/../");
            if (!SERVLET_PATH.matcher(value).matches() || dotSegment) {
                // The container strips, decodes and resolves all of these before it maps a request: such a path
                // would answer 404 forever.
                problem(key, raw.get(), "an exact servlet path that the container maps unchanged, such as"
                        + " /drainkit/prestop: segments of letters, digits and - . _ ~ ! $ & ' ( ) + , = : @ after"
                        + " each /; no ; % ? # * or space, no empty (//), . or .. segment, no trailing /");
                return null;
            }
            return value;
        }

        /** Never puts the value in a message: it is a secret. */
        Optional<String> token(String key) {
            Optional<String> value = config.value(key).map(String::trim).filter(t -> !t.isEmpty());
            if (value.isPresent() && !HEADER_TOKEN.matcher(value.get()).matches()) {
                refusedKeys.add(key);
                problems.add(key + " is not valid (its value is not shown): expected visible ASCII characters"
                        + " only, ! to ~, with no space: a request header carries nothing else unchanged, so the"
                        + " preStop hook's token could never match");
                return Optional.empty();
            }
            return value;
        }

        boolean refused(String key) {
            return refusedKeys.contains(key);
        }

        void problem(String key, Object value, String accepted) {
            Object shown = value instanceof Duration ? format((Duration) value) : value;
            problems.add(key + "='" + shown + "' is not valid: expected " + accepted);
        }
    }

    /** What DrainKit does with a request that arrives after the delay, while it waits for the others. */
    public enum LateRequests {
        /** Serve it, like any other (the default). */
        SERVE,
        /** Answer 503 with Retry-After and Connection: close, so that a retrying client goes elsewhere. */
        REJECT
    }
}

package io.drainkit.impl;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 */
public record DrainSettings(
        boolean enabled,
        Duration delay,
        Duration timeout,
        boolean connectionClose,
        boolean preStopEnabled,
        String preStopPath,
        Optional<String> preStopToken) {

    /** The prefix of every key. */
    public static final String PREFIX = "drainkit.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String DELAY = PREFIX + "delay";
    public static final String TIMEOUT = PREFIX + "timeout";
    public static final String CONNECTION_CLOSE = PREFIX + "connection-close";
    public static final String PRESTOP_ENABLED = PREFIX + "prestop.enabled";
    public static final String PRESTOP_PATH = PREFIX + "prestop.path";
    public static final String PRESTOP_TOKEN = PREFIX + "prestop.token";

    /** Where DrainKit's readiness endpoint is served, relative to the context path. */
    public static final String READINESS_PATH = "/drainkit/ready";

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");
    private static final Pattern SERVLET_PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()+,;=:@/-]*");

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
        String preStopPath = reader.path(PRESTOP_PATH, "/drainkit/prestop");
        Optional<String> preStopToken = config.value(PRESTOP_TOKEN).map(String::trim).filter(t -> !t.isEmpty());

        if (delay != null && timeout != null && timeout.compareTo(delay) <= 0) {
            reader.problem(TIMEOUT, timeout, "a duration longer than " + DELAY + " (" + format(delay)
                    + "): the deadline counts from the trigger and must leave time to wait after the delay");
        }
        if (preStopEnabled && preStopToken.isEmpty()) {
            reader.problems.add(PRESTOP_TOKEN + " is not set, but " + PRESTOP_ENABLED + "=true: set "
                    + PRESTOP_TOKEN + " (or DRAINKIT_PRESTOP_TOKEN) to a secret, at least 16 characters,"
                    + " that the preStop hook sends in the X-DrainKit-Token header");
        }
        if (preStopPath != null && preStopPath.equals(READINESS_PATH)) {
            reader.problem(PRESTOP_PATH, preStopPath, "a path other than " + READINESS_PATH);
        }
        if (!reader.problems.isEmpty()) {
            throw new InvalidSettingsException(reader.problems);
        }
        return new DrainSettings(enabled, delay, timeout, connectionClose, preStopEnabled, preStopPath,
                preStopToken);
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
                + "]";
    }

    private static final class Reader {
        private final ConfigReader config;
        private final List<String> problems = new ArrayList<>();

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

        String path(String key, String defaultValue) {
            Optional<String> raw = config.value(key);
            if (raw.isEmpty()) {
                return defaultValue;
            }
            String value = raw.get().trim();
            if (!SERVLET_PATH.matcher(value).matches() || value.endsWith("/") || value.contains("//")) {
                problem(key, raw.get(), "an exact servlet path such as /drainkit/prestop: starting with /,"
                        + " no wildcard, query, space or trailing /");
                return null;
            }
            return value;
        }

        void problem(String key, Object value, String accepted) {
            Object shown = value instanceof Duration ? format((Duration) value) : value;
            problems.add(key + "='" + shown + "' is not valid: expected " + accepted);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as DrainKit reads them from configuration and writes them in messages. */
public final class Durations {

    /** What a duration setting accepts, as messages say it. */
    static final String ACCEPTED = "a duration that is not negative: ISO-8601 such as PT10S, or 250ms, 10s, 2m";

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m)");

    private Durations() {}

    /**
     * Parses a duration as DrainKit accepts it: ISO-8601 ({@code PT10S}), {@code 250ms}, {@code 10s},
     * {@code 2m}, or {@code 0}.
     *
     * @param text the value
     * @return the duration, or empty if {@code text} is none of those or negative
     */
    public static Optional<Duration> parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher shortForm = SHORT_FORM.matcher(value);
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

    /**
     * @param duration a duration
     * @return it as DrainKit writes it in messages, e.g. {@code 10s} or {@code 250ms}
     */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** @return the shorter of {@code a} and {@code b} */
    static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

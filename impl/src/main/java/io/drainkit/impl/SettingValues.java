// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads one setting at a time as the type it has (a boolean, a duration, a whole number, a choice, a servlet path),
 * and collects every value that is not one, with the key, the value (never a secret's: secrets are not read here) and
 * what is accepted, for {@link SettingsReader} to report together. One instance per read; not thread-safe.
 */
final class SettingValues {

    /**
     * Paths the servlet container maps as written: one or more non-empty segments of characters that no container
     * decodes, strips or resolves. Excluded: {@code ;} (path parameters are stripped before mapping), {@code %}
     * (decoded), {@code ?} and {@code #} (never part of a path), empty segments and a trailing {@code /}. Dot
     * segments are refused separately.
     */
    private static final Pattern SERVLET_PATH = Pattern.compile("(/[A-Za-z0-9._~!$&'()+,=:@-]+)+");

    private final ConfigReader config;
    private final List<String> problems = new ArrayList<>();

    SettingValues(ConfigReader config) {
        this.config = config;
    }

    /** @param problem a problem of several settings together, with its message id */
    void add(String problem) {
        problems.add(problem);
    }

    /** @return whether any setting read so far has a problem */
    boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** @return the problems found so far, in the order found */
    List<String> problems() {
        return List.copyOf(problems);
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
        Optional<Duration> parsed = Durations.parse(raw.get());
        if (parsed.isEmpty()) {
            problem(key, raw.get(), Durations.ACCEPTED);
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

    <E extends Enum<E>> E choice(String key, Class<E> choices, E defaultValue) {
        Optional<String> raw = config.value(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            return Enum.valueOf(choices, raw.get().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            problem(
                    key,
                    raw.get(),
                    Arrays.stream(choices.getEnumConstants())
                            .map(choice -> choice.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(" or ")));
            return defaultValue;
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
            problem(
                    key,
                    raw.get(),
                    "an exact servlet path that the container maps unchanged, such as"
                            + " /drainkit/prestop: segments of letters, digits and - . _ ~ ! $ & ' ( ) + , = : @ after"
                            + " each /; no ; % ? # * or space, no empty (//), . or .. segment, no trailing /");
            return null;
        }
        return value;
    }

    void problem(String key, Object value, String accepted) {
        problems.add(SetupMessages.invalidValue(
                key, value instanceof Duration ? Durations.format((Duration) value) : String.valueOf(value), accepted));
    }
}

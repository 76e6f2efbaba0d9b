// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level fields of DrainKit's drain report as the preStop endpoint answers it ({@code status}, {@code trigger},
 * {@code durationMs}, {@code delayMs}, {@code requestsServed}, {@code inFlightAtEnd}, {@code deadlineReached}, ...).
 * The per-application list is not read.
 *
 * @param json the answer, whole
 */
public record DrainReportJson(String json) {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[^,}\\]\\[{]+)");

    /**
     * @param field a field's name
     * @return its value as text (a string without its quotes), or empty if the report has no such field
     */
    public Optional<String> text(String field) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(field)) {
                return Optional.of(matcher.group(2).replace("\"", "").strip());
            }
        }
        return Optional.empty();
    }

    /**
     * @param field a numeric field
     * @return its value, or -1 if absent or not a number
     */
    public long number(String field) {
        return text(field)
                .filter(value -> value.matches("-?\\d+"))
                .map(Long::parseLong)
                .orElse(-1L);
    }

    /** @return whether the report says the drain ended normally: {@code DRAINED}, no deadline, nothing in flight */
    public boolean drainedInTime() {
        return text("status").equals(Optional.of("DRAINED"))
                && text("deadlineReached").equals(Optional.of("false"))
                && number("inFlightAtEnd") == 0;
    }

    /** @return the report's main figures in one line, for a timeline */
    public String summary() {
        return Map.of(
                        "durationMs",
                        number("durationMs"),
                        "delayMs",
                        number("delayMs"),
                        "requestsServed",
                        number("requestsServed"))
                .entrySet()
                .stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .reduce(text("status").orElse("?") + " by " + text("trigger").orElse("?"), (a, b) -> a + ", " + b);
    }
}

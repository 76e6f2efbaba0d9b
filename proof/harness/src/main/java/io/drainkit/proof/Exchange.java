// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

/**
 * One request of a {@link Load} and what came of it.
 *
 * @param path            what was requested
 * @param sentNanos       when it was sent ({@link System#nanoTime()})
 * @param doneNanos       when its answer or failure came
 * @param status          the HTTP status, 0 if none came
 * @param connectionClose whether the response carried {@code Connection: close}
 * @param error           what went wrong, with its causes, or {@code null}
 * @param client          the thread that sent it: each client's requests follow one another on its connections
 */
public record Exchange(
        String path, long sentNanos, long doneNanos, int status, boolean connectionClose, String error, String client) {
    /** @return {@code true} for a 200 with the expected body */
    public boolean ok() {
        return status == 200 && error == null;
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.util.Objects;

/**
 * One application's part in a drain that covered every DrainKit application of the server. Immutable.
 *
 * @param application    the application's name: its context path ({@code ""} for the root context)
 * @param state          where its drain was when the report was made: {@link DrainState#DRAINED}, or
 *                       {@link DrainState#DRAINING} if it had not ended by the reporting application's deadline
 * @param requestsServed requests it completed between the trigger and the report
 * @param inFlight       requests it still had running: cut at its deadline, or still running if it had not ended
 * @since 0.1
 */
public record ApplicationDrain(String application, DrainState state, long requestsServed, int inFlight) {

    /** Checks the components. */
    public ApplicationDrain {
        Objects.requireNonNull(application, "application");
        Objects.requireNonNull(state, "state");
    }
}

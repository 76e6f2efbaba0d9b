// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** How a proof fails: with every problem its scenario found, and the end of the server's output to read them by. */
public final class Verdict {

    private Verdict() {}

    /**
     * @param problems what the scenario found wrong (an outcome's {@code problems()})
     * @param output   the end of the server's output
     * @throws AssertionError listing the problems, if there are any
     */
    public static void assertNoProblems(List<String> problems, List<String> output) {
        assertThat(problems)
                .as("what went wrong; the end of the server's output:\n%s", String.join("\n", output))
                .isEmpty();
    }
}

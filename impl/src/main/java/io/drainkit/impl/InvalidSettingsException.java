// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.List;

/**
 * DrainKit's configuration is wrong; the application must not start. The message names every bad key,
 * its value and what is accepted.
 */
public final class InvalidSettingsException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InvalidSettingsException(List<String> problems) {
        super(SetupMessages.invalidSettings(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one sentence per bad key */
    public List<String> problems() {
        return problems;
    }
}

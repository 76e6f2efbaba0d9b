// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo that README.md points newcomers to, so that it keeps working. */
class DrainDemoIT {

    @TempDir
    Path logs;

    /** Verifies that the demo drains the loaded server without a failed request and reports PASS. */
    @Test
    void demoPasses() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int status;
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            status = new DrainDemo(out, logs).run();
        }
        String timeline = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).as("demo exit status; it printed:\n%s", timeline).isZero();
        assertThat(timeline)
                .as("demo output")
                .contains(
                        "DRAINKIT-0001 Drain started by PRESTOP",
                        "readiness is DOWN",
                        "DRAINKIT-0003 Drain completed",
                        "preStop answered 200",
                        "exited with 0",
                        "failed:                0 of those",
                        "PASS");
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.Load;
import io.drainkit.proof.ServerDirectory;

/**
 * The control of {@link MessagesRollingRestartIT}: the same instance without DrainKit ({@code DRAINKIT_ENABLED=false}),
 * stopped by SIGTERM alone, as Kubernetes does without a preStop hook, while orders wait in its queue: WildFly's
 * suspend stops the MDB, the server exits, and what the queue still held stays in the old pod's journal, which no new
 * pod reads.
 */
class MessagesWithoutDrainKitIT {

    /** Sent at once: five seconds of the instance's work (two at a time, 250 ms each). */
    private static final int ORDERS = 40;

    @Test
    void backlogLostAtSigterm() throws Exception {
        Path directory = Paths.get("target", "e2e", "messages-control").toAbsolutePath();
        ServerDirectory.delete(directory);
        Path ledger = directory.resolve("ledger.txt");
        try (WildFlyServer server = WildFlyServer.startMessages(
                directory.resolve("c1"),
                DrainKitSettings.of(MessagesRollingRestartIT.DELAY, MessagesRollingRestartIT.TIMEOUT)
                        .with("DRAINKIT_ENABLED", "false")
                        .with("ORDERS_LEDGER", ledger.toString())
                        .with("ORDERS_INSTANCE", "c1")
                        .environment())) {
            OrderProducers producers = new OrderProducers(server.application().resolve("orders"));
            producers.start(1, Duration.ofMillis(20), ORDERS, Load.REQUEST_TIMEOUT);
            producers.awaitClients(Load.REQUEST_TIMEOUT);
            server.sigterm();
            OptionalInt exit = server.awaitExit(Duration.ofSeconds(30));
            Set<Long> accepted = producers.accepted();
            Set<Long> lost = OrderLedgerFile.read(ledger).missing(accepted);
            String figures = "control without DrainKit, SIGTERM alone with " + accepted.size()
                    + " orders sent: processed " + (accepted.size() - lost.size()) + ", lost " + lost.size()
                    + "; exit " + (exit.isPresent() ? exit.getAsInt() : "none");
            System.out.println(figures);
            Files.writeString(directory.resolve("result.txt"), figures + "\n", StandardCharsets.UTF_8);

            assertThat(accepted).as(figures).hasSize(ORDERS);
            assertThat(lost).as(figures).isNotEmpty();
        }
    }
}

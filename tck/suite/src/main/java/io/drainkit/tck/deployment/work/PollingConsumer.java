// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.work;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.drainkit.spi.DrainParticipant;

/**
 * A consumer with its own loop, as a drain participant: it records what the drain told it ({@code polling}, then
 * {@code draining}, then {@code paused}) and has one unit of work in flight until the test finishes it.
 */
@ApplicationScoped
public class PollingConsumer implements DrainParticipant {

    private final CompletableFuture<Void> idle = new CompletableFuture<>();
    private volatile String state = "polling";

    @Override
    public String name() {
        return "PollingConsumer";
    }

    @Override
    public void drainStarted() {
        state = "draining";
    }

    @Override
    public void delayEnded() {
        state = "paused";
    }

    @Override
    public CompletionStage<?> idle() {
        return idle;
    }

    /** @return polling, draining or paused */
    public String state() {
        return state;
    }

    /** Ends the work in flight: the consumer is idle. */
    public void finish() {
        idle.complete(null);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import io.drainkit.spi.DrainParticipant;

/** A participant that says on which thread it was created, and is idle at once. */
@ApplicationScoped
public class StartupParticipant implements DrainParticipant {

    /** The name of the thread its instance was created on; static: reading it must not create the bean. */
    static final AtomicReference<String> CREATED_ON = new AtomicReference<>();

    @PostConstruct
    void created() {
        CREATED_ON.set(Thread.currentThread().getName());
    }

    @Override
    public CompletionStage<?> idle() {
        return CompletableFuture.completedFuture(null);
    }
}

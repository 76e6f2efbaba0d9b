// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.task;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;

import io.drainkit.spi.DrainParticipant;
import io.drainkit.tck.deployment.app.Gates;

/**
 * A participant with a container resource, as a real one has (a connection factory, an executor): it is idle once the
 * gate {@value #GATE} opens, which it waits for on the default {@code ManagedExecutorService}. A participant whose
 * {@code @Resource} cannot be resolved, because it was first created on a thread that is not the application's, fails,
 * and the drain counts it idle at once.
 */
@ApplicationScoped
public class ReportQueue implements DrainParticipant {

    /** The gate that makes it idle. */
    public static final String GATE = "report-queue";

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    private ManagedExecutorService executor;

    @Override
    public CompletionStage<?> idle() {
        return CompletableFuture.runAsync(() -> Gates.pass(Gates.gate(GATE)), executor);
    }
}

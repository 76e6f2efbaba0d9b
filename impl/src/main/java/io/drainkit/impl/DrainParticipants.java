// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainStarted;
import io.drainkit.InFlightWork;
import io.drainkit.spi.DrainParticipant;

/**
 * Brings the application's {@link DrainParticipant}s into its drain: when it starts, each is counted in as one unit of
 * work ({@code participant <name>}) and told; when the delay ends, each is told and counted out once the stage of its
 * {@link DrainParticipant#idle()} completes. The drain waits for them as for requests, up to its deadline.
 *
 * <p>Thread-safe: {@link #drainStarting} runs on the thread that starts the drain, the rest on the listener thread.
 */
public final class DrainParticipants implements DrainListener {

    private static final WorkNamer<DrainParticipant> NAMER = WorkNamer.notTraffic((participant, age, beforeDrain) ->
            new InFlightWork(InFlightWork.PARTICIPANT, participant.name(), age, beforeDrain));

    private final WorkUnits work;
    private final Supplier<List<DrainParticipant>> participants;
    private volatile List<DrainParticipant> created;
    private volatile List<Held> held = List.of();

    /**
     * @param work         where the participants are counted
     * @param participants finds them: the application's beans, as {@link #createWithTheApplication()} or a drain
     *                     starts
     */
    public DrainParticipants(WorkUnits work, Supplier<List<DrainParticipant>> participants) {
        this.work = work;
        this.participants = participants;
    }

    /**
     * Finds the participants and makes each one exist now, on a thread of the starting application, and keeps them
     * for the drain. A bean first used by a drain would be created on DrainKit's own thread, where a server may not
     * resolve its {@code @Resource}s ({@code java:comp} is the application's): WildFly fails the creation. One that
     * cannot be created now is told of at once, and looked for again when a drain starts.
     */
    public void createWithTheApplication() {
        List<DrainParticipant> found = participants.get();
        for (DrainParticipant participant : found) {
            try {
                // Any call on a client proxy creates its contextual instance.
                participant.name();
            } catch (RuntimeException | LinkageError failure) {
                DrainMessages.participantNotCreated(beanClassOf(participant), failure);
                return;
            }
        }
        created = found;
    }

    @Override
    public void drainStarting(DrainStarted event) {
        List<DrainParticipant> known = created;
        held = (known != null ? known : participants.get())
                .stream()
                        .map(participant -> new Held(participant, work.enter(participant, NAMER)))
                        .toList();
    }

    @Override
    public void drainStarted(DrainStarted event) {
        for (Held one : held) {
            one.ask("take the start of the drain", one.participant::drainStarted);
        }
    }

    @Override
    public void delayEnded(DrainDelayEnded event) {
        for (Held one : held) {
            one.ask("pause at the end of the delay", one.participant::delayEnded);
            one.ask("say when it is idle", () -> one.participant.idle().whenComplete((idle, failure) -> one.exit()));
        }
    }

    /** @return the name of a participant's class, not of the client proxy a container made of it (Weld's) */
    private static String beanClassOf(DrainParticipant participant) {
        String name = participant.getClass().getName();
        int proxy = name.indexOf("$Proxy$");
        return proxy < 0 ? name : name.substring(0, proxy);
    }

    /** A participant counted in, counted out once. */
    private final class Held {
        private final DrainParticipant participant;
        private final int ticket;
        private final AtomicBoolean exited = new AtomicBoolean();

        Held(DrainParticipant participant, int ticket) {
            this.participant = participant;
            this.ticket = ticket;
        }

        void ask(String what, Runnable call) {
            try {
                call.run();
            } catch (RuntimeException | LinkageError failure) {
                DrainMessages.participantFailed(name(), what, failure);
                exit();
            }
        }

        String name() {
            try {
                return participant.name();
            } catch (RuntimeException | LinkageError failure) {
                return beanClassOf(participant);
            }
        }

        void exit() {
            if (exited.compareAndSet(false, true)) {
                work.exit(ticket, InFlightWork.PARTICIPANT);
            }
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.messages;

import java.util.Enumeration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import io.drainkit.DrainDelayEnded;
import io.drainkit.spi.DrainParticipant;

/**
 * Keeps the drain waiting until the local queue is empty. The queue lives in this server's embedded broker: in
 * Kubernetes a new pod does not get the old pod's journal, so whatever is left in the queue at exit is lost.
 *
 * <p>Nothing to pause at the end of the delay: the MDB goes on, and empties the queue (load balancers have let go, so no
 * new order comes in). From then on a {@link QueueBrowser} counts the messages waiting, every
 * {@value #POLL_MS} ms; the participant is idle once it has seen none {@value #EMPTY_POLLS} times in a row, so that a
 * message a session has just taken, before {@code @Drained} counts its processing, is not missed. Messages being
 * processed are not in the browser's sight: {@code @Drained} holds the drain for them. The drain's deadline bounds it
 * all: a backlog too long to process in time is cut there, and named {@code participant QueueBacklog} in the report.
 */
@ApplicationScoped
public class QueueBacklog implements DrainParticipant {

    static final long POLL_MS = 100;
    static final int EMPTY_POLLS = 3;
    /** Counting stops there: the drain only needs to know that the queue is not empty. */
    private static final int MAX_COUNTED = 10_000;

    private static final System.Logger LOG = System.getLogger(QueueBacklog.class.getName());

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    private ConnectionFactory factory;

    @Resource(lookup = OrderListener.QUEUE)
    private Queue queue;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Override
    public CompletionStage<?> idle() {
        CompletableFuture<Void> idle = new CompletableFuture<>();
        poll(idle, 0);
        return idle;
    }

    /**
     * Says what the drain waits for at the end of the delay: the orders being processed, those waiting in the queue.
     *
     * @param ended DrainKit's event, on its thread (an observer does not hold the drain)
     */
    void logBacklog(@Observes DrainDelayEnded ended) {
        LOG.log(
                System.Logger.Level.INFO,
                "Orders at the end of the delay: {0} being processed, {1} waiting in the queue",
                OrderListener.processing(),
                waiting());
    }

    /** @return the messages waiting in the queue, up to {@value #MAX_COUNTED} */
    public int waiting() {
        try (JMSContext context = factory.createContext();
                QueueBrowser browser = context.createBrowser(queue)) {
            Enumeration<?> messages = browser.getEnumeration();
            int count = 0;
            while (count < MAX_COUNTED && messages.hasMoreElements()) {
                messages.nextElement();
                count++;
            }
            return count;
        } catch (JMSException failed) {
            throw new JMSRuntimeException(failed.getMessage(), failed.getErrorCode(), failed);
        }
    }

    private void poll(CompletableFuture<Void> idle, int emptyPolls) {
        try {
            scheduler.schedule(
                    () -> {
                        try {
                            int empty = waiting() == 0 ? emptyPolls + 1 : 0;
                            if (empty >= EMPTY_POLLS) {
                                idle.complete(null);
                            } else {
                                poll(idle, empty);
                            }
                        } catch (RuntimeException failed) {
                            // The drain counts an exceptional completion as idle: say why here.
                            LOG.log(System.Logger.Level.WARNING, "cannot count the queue's messages", failed);
                            idle.completeExceptionally(failed);
                        }
                    },
                    POLL_MS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The server is already stopping its executors (a drain at shutdown without a preStop call first).
            idle.completeExceptionally(stopping);
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.messages;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import io.drainkit.Drained;

/**
 * Processes each order: works a little ({@code orders.processing-ms} / {@code ORDERS_PROCESSING_MS}, 250 ms by
 * default), then records it in the {@link OrderLedger}, in the container's transaction, which acknowledges the message
 * when {@code onMessage} returns. Two at a time on each instance ({@code maxSession}), as a consumer bounded by its
 * database pool: when one instance is away its queue takes up the difference, a backlog that a drain must not leave
 * behind.
 *
 * <p>{@code @Drained} counts each delivery as work in flight (a {@code call OrderListener.onMessage}): a drain waits for
 * the one being processed, which a stop would otherwise cut after its side effect and before its acknowledgement. The
 * MDB is not paused at the end of the delay: it is what empties the queue ({@link QueueBacklog}).
 *
 * <p>The queue is the application's own ({@code @JMSDestinationDefinition}: WildFly creates it in its embedded broker
 * at deployment). {@code consumerWindowSize=0} (an ActiveMQ Artemis activation property): each session fetches a
 * message when it is free, instead of buffering up to 1 MiB of them out of the queue's sight, where
 * {@link QueueBacklog} would not count them.
 */
@JMSDestinationDefinition(
        name = OrderListener.QUEUE,
        interfaceName = "jakarta.jms.Queue",
        destinationName = "drainkit-orders")
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = OrderListener.QUEUE),
            @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
            @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "2"),
            @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0")
        })
@Drained
public class OrderListener implements MessageListener {

    /** The queue's JNDI name. */
    public static final String QUEUE = "java:/queue/drainkit-orders";

    private static final long PROCESSING_MS = Long.parseLong(ExampleSetting.read("orders.processing-ms", "250"));
    private static final AtomicInteger PROCESSING = new AtomicInteger();

    @Inject
    private OrderLedger ledger;

    /** @return the orders being processed now, on this server */
    static int processing() {
        return PROCESSING.get();
    }

    @Override
    public void onMessage(Message message) {
        PROCESSING.incrementAndGet();
        try {
            String id = message.getBody(String.class);
            Thread.sleep(PROCESSING_MS);
            ledger.record(id, message.getJMSRedelivered(), message.getIntProperty("JMSXDeliveryCount"));
        } catch (JMSException unreadable) {
            throw new JMSRuntimeException(unreadable.getMessage(), unreadable.getErrorCode(), unreadable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while processing an order", interrupted);
        } finally {
            PROCESSING.decrementAndGet();
        }
    }
}

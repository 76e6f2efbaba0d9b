/**
 * An application with messages, drained through a rolling restart: {@code POST /orders?id=N} ({@link OrderServlet})
 * sends an order to a queue the application declares, {@link OrderListener}, an MDB counted by {@code @Drained},
 * processes it into {@link OrderLedger}, and {@link QueueBacklog}, a drain participant, keeps the drain waiting until
 * the queue is empty.
 *
 * <p>Why the backlog matters: on WildFly's {@code standalone-full.xml} the queue lives in the server's embedded ActiveMQ
 * Artemis, whose journal is in the pod's own data directory. A new pod starts with a new one: whatever the old pod's
 * queue still holds when it exits is lost, and a message whose processing is cut by the exit is rolled back into that
 * lost queue, or, with a broker that survives, delivered again after its side effects were done.
 */
package io.drainkit.example.messages;

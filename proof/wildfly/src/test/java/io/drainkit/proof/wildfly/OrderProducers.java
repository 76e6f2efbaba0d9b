// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.drainkit.proof.FixedRate;
import io.drainkit.proof.Load;

/**
 * A steady stream of orders: clients that each send {@code POST orders?id=N}, N unique over the run, at a fixed rate,
 * until stopped, a count or a time is reached. Every answer is recorded by id: 200 (the order is in a queue), another
 * status, or a failure.
 */
final class OrderProducers {

    private final URI orders;
    private final HttpClient client = Load.newClient();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, String> answers = new ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();
    private volatile boolean sending = true;

    /** @param orders where the orders go: {@code http://lb/drainkit-example-messages/orders} */
    OrderProducers(URI orders) {
        this.orders = orders;
    }

    /**
     * @param count      how many clients
     * @param every      each client's interval between two sends (fixed rate: a slow answer shortens the next wait)
     * @param maxOrders  each client's bound on the orders it sends
     * @param maxTime    each client's bound on the time it sends
     */
    void start(int count, Duration every, int maxOrders, Duration maxTime) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(
                    () -> FixedRate.run(every, maxOrders, maxTime, () -> sending, () -> {
                        long id = nextId.getAndIncrement();
                        answers.put(id, post(id));
                    }),
                    "orders-" + i);
            thread.setDaemon(true);
            clients.add(thread);
            thread.start();
        }
    }

    /**
     * Stops sending and waits for the answers of the orders sent.
     *
     * @param timeout how long at most
     * @throws InterruptedException if interrupted while waiting
     */
    void stop(Duration timeout) throws InterruptedException {
        sending = false;
        awaitClients(timeout);
    }

    /**
     * Waits until every client has sent its orders and had their answers.
     *
     * @param timeout how long at most
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitClients(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (Thread thread : clients) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        }
    }

    /** @return how many orders were sent, answered or not */
    int sent() {
        return answers.size();
    }

    /** @return the ids of the orders answered 200: each one is in a queue */
    Set<Long> accepted() {
        Set<Long> accepted = new TreeSet<>();
        answers.forEach((id, answer) -> {
            if (answer.equals("200")) {
                accepted.add(id);
            }
        });
        return accepted;
    }

    /** @return the orders not answered 200, as {@code id: status or failure} */
    List<String> refused() {
        List<String> refused = new ArrayList<>();
        answers.forEach((id, answer) -> {
            if (!answer.equals("200")) {
                refused.add(id + ": " + answer);
            }
        });
        return refused;
    }

    private String post(long id) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(orders + "?id=" + id))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .timeout(Load.REQUEST_TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return String.valueOf(response.statusCode());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception failed) {
            return failed.toString();
        }
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.messages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Where processed orders go: an append-only file, standing in for the database an application would write to, one
 * line per processing, {@code id=17 instance=pod-a redelivered=false deliveries=1}. Several instances may append to the
 * same file (each line is one write in append mode), so that a test reads one ledger for the whole rolling restart.
 *
 * <p>Settings: {@code orders.ledger} / {@code ORDERS_LEDGER}, the file (by default {@code drainkit-orders-ledger.txt}
 * in the temporary directory); {@code orders.instance} / {@code ORDERS_INSTANCE}, this instance's name in it (by
 * default the host name, a pod's name).
 */
@ApplicationScoped
public class OrderLedger {

    private final Path file = Paths.get(ExampleSetting.read(
            "orders.ledger",
            Paths.get(System.getProperty("java.io.tmpdir"), "drainkit-orders-ledger.txt")
                    .toString()));
    private final String instance = ExampleSetting.read("orders.instance", hostName());
    private FileChannel channel;

    /**
     * Appends one processing of an order.
     *
     * @param id          the order's id
     * @param redelivered the message's {@code JMSRedelivered}
     * @param deliveries  its {@code JMSXDeliveryCount}
     */
    public synchronized void record(String id, boolean redelivered, int deliveries) {
        String line = "id=" + id + " instance=" + instance + " redelivered=" + redelivered + " deliveries=" + deliveries
                + "\n";
        try {
            if (channel == null) {
                channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot append to the ledger " + file, failed);
        }
    }

    @PreDestroy
    synchronized void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // every line was written at once: nothing is left to flush
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException unknown) {
            return "unknown";
        }
    }
}

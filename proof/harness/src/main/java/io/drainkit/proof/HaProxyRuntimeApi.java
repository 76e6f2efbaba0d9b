// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * HAProxy's runtime API over its UNIX stats socket: one command per connection, answered and then closed by HAProxy
 * (its non-interactive mode). Stateless; thread-safe.
 */
final class HaProxyRuntimeApi {

    /** An answer is a few lines; more means something is wrong, and is cut. */
    private static final int MAX_ANSWER = 64 * 1024;

    private HaProxyRuntimeApi() {}

    /**
     * Sends each command that changes a state; HAProxy answers nothing, or what it changed ("... changed from ...",
     * "... updated.").
     *
     * @param socket   the {@code stats socket} path
     * @param commands such as {@code disable server be/a}
     * @throws IOException if the socket cannot be reached, or HAProxy refuses a command
     */
    static void change(Path socket, String... commands) throws IOException {
        for (String command : commands) {
            String answer = send(socket, command);
            if (!answer.isBlank() && !answer.contains("changed from") && !answer.contains("updated")) {
                throw new IOException("HAProxy refused '" + command + "': " + answer.strip());
            }
        }
    }

    /**
     * @param socket  the {@code stats socket} path
     * @param command such as {@code disable server be/a}
     * @return HAProxy's answer; empty when a command that changes state succeeded
     * @throws IOException if the socket cannot be reached
     */
    static String send(Path socket, String command) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            ByteBuffer request = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
            while (request.hasRemaining()) {
                channel.write(request);
            }
            ByteBuffer answer = ByteBuffer.allocate(MAX_ANSWER);
            while (answer.hasRemaining() && channel.read(answer) >= 0) {
                // HAProxy closes the connection after the answer
            }
            answer.flip();
            return StandardCharsets.US_ASCII.decode(answer).toString();
        }
    }
}

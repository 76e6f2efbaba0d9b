// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.frames.Frame;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;

/**
 * What an HTTP/2 client received, frame by frame: each GOAWAY with its connection (session) and when it came, and the
 * connection of each response. Added to Jetty's {@code HTTP2Client}, which gives it to every session it opens.
 */
final class Http2Frames implements HTTP2Session.FrameListener {

    /** A GOAWAY frame: on which connection, when ({@link System#nanoTime()}), and the last stream id it names. */
    record GoAway(Session connection, long nanos, int lastStreamId, int error) {
        boolean graceful() {
            return lastStreamId == Integer.MAX_VALUE && error == 0;
        }
    }

    private final List<GoAway> goAways = new CopyOnWriteArrayList<>();
    private final List<Session> responses = new CopyOnWriteArrayList<>();

    @Override
    public void onIncomingFrame(Session session, Frame frame) {
        if (frame instanceof GoAwayFrame goAway) {
            goAways.add(new GoAway(session, System.nanoTime(), goAway.getLastStreamId(), goAway.getError()));
        } else if (frame instanceof HeadersFrame headers
                && headers.getMetaData() != null
                && headers.getMetaData().isResponse()) {
            responses.add(session);
        }
    }

    /** @return the connection the last response came on */
    Session lastResponseConnection() {
        return responses.get(responses.size() - 1);
    }

    /** @return the GOAWAY frames received on a connection, in order */
    List<GoAway> goAways(Session connection) {
        return goAways.stream()
                .filter(goAway -> goAway.connection() == connection)
                .toList();
    }

    /** @return the first GOAWAY received on a connection, if any */
    Optional<GoAway> firstGoAway(Session connection) {
        return goAways(connection).stream().findFirst();
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.longlived;

import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

import io.drainkit.LongLivedConnections;

/**
 * A held stream (server-sent events, long poll): ended by the application's last words, if any, then completed.
 * Counted as a request in flight until then, so ending it is also what lets the drain finish early.
 */
final class AsyncStream implements LongLivedConnections.Connection {

    private final AsyncContext stream;
    private final Consumer<? super AsyncContext> lastWords;

    AsyncStream(AsyncContext stream, Consumer<? super AsyncContext> lastWords) {
        this.stream = stream;
        this.lastWords = lastWords;
    }

    /** @return {@code true}: a stream that ends is forgotten by its {@link Ended} listener, not by a sweep */
    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void goAway() {
        try {
            lastWords.accept(stream);
        } finally {
            // Completes even if the last words failed: a stream left open would hold the drain to its deadline.
            stream.complete();
        }
    }

    @Override
    public String toString() {
        return "stream " + stream.getRequest();
    }

    /** Forgets the stream when it ends, however it ends. */
    static final class Ended implements AsyncListener {
        private final Runnable forget;

        Ended(Runnable forget) {
            this.forget = forget;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            forget.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            forget.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            forget.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle drops the listeners: stay on it.
            event.getAsyncContext().addListener(this);
        }
    }
}

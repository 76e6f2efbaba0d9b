// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A response admitted while draining: keeps {@code Connection: close} even if the application resets the
 * response, which clears every header.
 */
final class ConnectionCloseResponse extends HttpServletResponseWrapper {

    static final String CONNECTION = "Connection";
    static final String CLOSE = "close";

    ConnectionCloseResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void reset() {
        super.reset();
        setHeader(CONNECTION, CLOSE);
    }
}

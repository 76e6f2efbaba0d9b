// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

/** Writes DrainKit's JSON answers: never cached, UTF-8. */
final class Json {

    private Json() {}

    static void write(HttpServletResponse response, String json) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json);
    }
}

// SPDX-License-Identifier: Apache-2.0
package io.drainkit.example.messages;

import java.io.IOException;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code POST /orders?id=N}: sends order N to the queue with the default connection factory and answers 200
 * {@code sent N} once the broker has it (a persistent message, sent synchronously). Its processing is
 * {@link OrderListener}'s.
 */
@WebServlet(name = "orders", urlPatterns = "/orders")
public final class OrderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient JMSContext jms;

    @Resource(lookup = OrderListener.QUEUE)
    private transient Queue queue;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("id");
        if (id == null || !id.matches("\\d{1,18}")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "id must be a number");
            return;
        }
        jms.createProducer().send(queue, id);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("sent " + id + "\n");
    }
}

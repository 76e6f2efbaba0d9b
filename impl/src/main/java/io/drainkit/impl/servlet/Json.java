package io.drainkit.impl.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import io.drainkit.DrainReport;
import io.drainkit.InFlightRequest;

/** The few JSON documents DrainKit's endpoints answer with; no JSON library is needed for them. */
final class Json {

    private Json() {
    }

    static void write(HttpServletResponse response, String json) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(json);
    }

    static String report(DrainReport report) {
        return "{\"status\":\"DRAINED\""
                + ",\"trigger\":" + string(report.trigger().name())
                + ",\"startedAt\":" + string(report.startedAt().toString())
                + ",\"durationMs\":" + report.duration().toMillis()
                + ",\"delayMs\":" + report.delay().toMillis()
                + ",\"requestsServed\":" + report.requestsServed()
                + ",\"inFlightAtEnd\":" + report.inFlightAtEnd()
                + ",\"deadlineReached\":" + report.deadlineReached()
                + ",\"stillInFlight\":[" + report.stillInFlight().stream().map(Json::request)
                        .collect(Collectors.joining(",")) + "]}";
    }

    private static String request(InFlightRequest request) {
        return "{\"method\":" + string(request.method()) + ",\"path\":" + string(request.path())
                + ",\"ageMs\":" + request.age().toMillis()
                + ",\"admittedBeforeDrain\":" + request.admittedBeforeDrain() + "}";
    }

    static String string(String value) {
        StringBuilder json = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}

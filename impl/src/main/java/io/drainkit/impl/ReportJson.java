// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.stream.Collectors;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainReport;
import io.drainkit.InFlightWork;
import io.drainkit.WorkCount;

/**
 * A drain report as JSON, as the preStop endpoint answers it and the MBean shows it; no JSON library is needed for
 * it.
 */
public final class ReportJson {

    private ReportJson() {}

    /**
     * @param report a drain's report
     * @return it as one JSON object
     */
    public static String of(DrainReport report) {
        return "{\"status\":\"DRAINED\""
                + ",\"trigger\":" + string(report.trigger().name())
                + ",\"startedAt\":" + string(report.startedAt().toString())
                + ",\"durationMs\":" + report.duration().toMillis()
                + ",\"delayMs\":" + report.delay().toMillis()
                + ",\"requestsServed\":" + report.requestsServed()
                + ",\"inFlightAtEnd\":" + report.inFlightAtEnd()
                + ",\"deadlineReached\":" + report.deadlineReached()
                + ",\"stillInFlight\":["
                + report.stillInFlight().stream().map(ReportJson::work).collect(Collectors.joining(",")) + "]"
                + ",\"work\":[" + report.work().stream().map(ReportJson::count).collect(Collectors.joining(",")) + "]"
                + ",\"applications\":["
                + report.applications().stream().map(ReportJson::application).collect(Collectors.joining(",")) + "]}";
    }

    private static String work(InFlightWork work) {
        return "{\"kind\":" + string(work.kind()) + ",\"name\":" + string(work.name())
                + ",\"ageMs\":" + work.age().toMillis()
                + ",\"admittedBeforeDrain\":" + work.admittedBeforeDrain() + "}";
    }

    private static String count(WorkCount count) {
        return "{\"kind\":" + string(count.kind()) + ",\"served\":" + count.served() + ",\"inFlightAtEnd\":"
                + count.inFlightAtEnd() + "}";
    }

    private static String application(ApplicationDrain application) {
        return "{\"application\":" + string(application.application())
                + ",\"state\":" + string(application.state().name())
                + ",\"requestsServed\":" + application.requestsServed()
                + ",\"inFlight\":" + application.inFlight() + "}";
    }

    private static String string(String value) {
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

package io.drainkit.example.wildfly;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the parts of WildFly's readiness document and DrainKit's report that the tests look at. */
final class Health {

    private static final Pattern DRAINKIT_CHECK = Pattern.compile(
            "\\{\"name\":\"drainkit:/[^\"]*\",\"status\":\"(\\w+)\",\"data\":\\{[^}]*\"inFlight\":(\\d+)");

    private Health() {
    }

    /**
     * @param readiness WildFly's {@code /health/ready} answer
     * @return the drainkit check's status, or {@code "absent"}
     */
    static String drainKitCheck(String readiness) {
        Matcher check = DRAINKIT_CHECK.matcher(compact(readiness));
        return check.find() ? check.group(1) : "absent";
    }

    /**
     * @param readiness   WildFly's {@code /health/ready} answer
     * @param application the context path of the application whose check to read, e.g. {@code /drainkit-example}
     * @return that application's check status, or {@code "absent"}
     */
    static String drainKitCheck(String readiness, String application) {
        Matcher check = Pattern.compile("\\{\"name\":\"drainkit:" + Pattern.quote(application) + "\",\"status\":\"(\\w+)\"")
                .matcher(compact(readiness));
        return check.find() ? check.group(1) : "absent";
    }

    /**
     * @param readiness WildFly's {@code /health/ready} answer
     * @return the requests in flight that the drainkit check reports, or -1 if it is absent
     */
    static int inFlight(String readiness) {
        Matcher check = DRAINKIT_CHECK.matcher(compact(readiness));
        return check.find() ? Integer.parseInt(check.group(2)) : -1;
    }

    /**
     * @param json  a JSON document such as DrainKit's report
     * @param field a numeric field in it
     * @return its value, or -1 if absent
     */
    static long number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?\\d+)").matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static String compact(String json) {
        return json.replaceAll("\\s", "");
    }
}

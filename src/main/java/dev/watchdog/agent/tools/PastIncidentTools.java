package dev.watchdog.agent.tools;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.watchdog.agent.PastIncidents;
import dev.watchdog.db.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The team's memory of earlier incidents: what they were and what fixed them. Read-only. */
public final class PastIncidentTools {

    static final int DEFAULT_DAYS = 90;

    private final PastIncidents incidents;

    public PastIncidentTools(PastIncidents incidents) {
        this.incidents = incidents;
    }

    @Tool(name = "past_incidents", value = "Finds earlier incidents like this one, by rule, by labels and by evidence"
            + " (error types, deployer, component), with the cause and fix people recorded, most similar and recent"
            + " first. Also says how often the rule fired.")
    public String pastIncidents(
            @P(value = "The alert rule name, e.g. CheckoutErrors; leave out to search by labels or evidence only",
                    required = false) String rule,
            @P(value = "Labels to match, as name=value pairs separated by commas, e.g. service=checkout,job=api",
                    required = false) String labels,
            @P(value = "Evidence seen now: error types, deployers or components, e.g. \"SocketTimeoutException by"
                    + " \\\"alice\\\"\"", required = false) String evidence,
            @P(value = "How many days back to look; default 90, at most 365", required = false) Integer days,
            @P(value = "The number of the alert being investigated (as in #42), so it is not its own precedent",
                    required = false) Long currentAlert) {
        Map<String, String> wanted = parseLabels(labels == null ? "" : labels);
        try {
            return incidents.search(rule, wanted, evidence, days == null ? DEFAULT_DAYS : days,
                    currentAlert == null ? 0 : currentAlert);
        } catch (StoreException e) {
            throw new ToolFailure("past_incidents failed: the store could not be read (" + e.getMessage() + ")");
        }
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int equals = pair.indexOf('=');
            if (pair.isBlank()) {
                continue;
            }
            if (equals <= 0) {
                throw new ToolFailure("past_incidents: labels must be name=value pairs separated by commas; \""
                        + pair.strip() + "\" is not one");
            }
            labels.put(pair.substring(0, equals).strip(), unquote(pair.substring(equals + 1).strip()));
        }
        return labels;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }
}

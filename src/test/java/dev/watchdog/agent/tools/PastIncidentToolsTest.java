package dev.watchdog.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.agent.AlertContext;
import dev.watchdog.agent.PastIncidents;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The past_incidents tool: what the model typed reaches the memory as a search, and bad labels say why. */
class PastIncidentToolsTest {

    private final StringBuilder searched = new StringBuilder();
    private final PastIncidentTools tools = new PastIncidentTools(new PastIncidents() {
        @Override
        public Optional<String> bestMatchesLine(AlertContext alert, List<String> evidence) {
            return Optional.empty();
        }

        @Override
        public String search(String ruleName, Map<String, String> labels, String evidence, int days, long exclude) {
            searched.append(ruleName).append(' ').append(labels).append(' ').append(evidence).append(' ').append(days)
                    .append(' ').append(exclude);
            return "found";
        }
    });

    @Test
    void passesTheSearchOnWithDefaults() {
        assertThat(tools.pastIncidents("CheckoutErrors", "service=export, job=\"api\"", null, null, 42L))
                .isEqualTo("found");
        assertThat(searched).hasToString("CheckoutErrors {service=export, job=api} null 90 42");
    }

    @Test
    void labelsThatAreNotPairsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> tools.pastIncidents(null, "service", null, 30, null))
                .isInstanceOf(ToolFailure.class)
                .hasMessage("past_incidents: labels must be name=value pairs separated by commas; \"service\" is not one");
    }
}

package dev.watchdog.agent.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.watchdog.agent.incident.Incident;
import dev.watchdog.agent.incident.IncidentAlert;
import dev.watchdog.agent.incident.IncidentSettings;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What Slack shows of an incident: the alerts its investigation covers, and the link from the other alerts' threads. */
final class IncidentMessages {

    static final String BLOCK_ID = "incident-alerts";

    private IncidentMessages() {
    }

    /** The investigation's message with the incident's alerts listed above its context line; alone, it is unchanged. */
    static SlackMessage withAlerts(SlackMessage investigation, Incident incident, List<IncidentAlert> alerts) {
        if (alerts.size() < 2) {
            return investigation;
        }
        List<LayoutBlock> blocks = new ArrayList<>(investigation.blocks());
        if (blocks.isEmpty()) {
            blocks.add(section(s -> s.blockId("investigation").text(markdownText(investigation.text()))));
        }
        LayoutBlock list = section(s -> s.blockId(BLOCK_ID).text(markdownText(alertList(incident, alerts))));
        blocks.add(blocks.size() > 1 ? blocks.size() - 1 : blocks.size(), list);
        return new SlackMessage(investigation.text(), blocks, investigation.attachments());
    }

    /** ":link: Part of the incident investigated in <link|the thread of #12 HighErrorRate> ..." */
    static SlackMessage link(String permalink, IncidentAlert lead, Incident incident, IncidentSettings settings) {
        String text = ":link: Part of the incident investigated in <" + permalink + "|the thread of #" + lead.alertId()
                + " " + SlackText.escape(lead.ruleName()) + ">: alerts with " + key(incident)
                + " that fire within " + Durations.format(settings.window()) + " of each other get one investigation.";
        return SlackMessage.text(text);
    }

    private static String alertList(Incident incident, List<IncidentAlert> alerts) {
        StringBuilder text = new StringBuilder(":link: *Incident:* ").append(alerts.size())
                .append(" alerts with ").append(key(incident)).append(" share this investigation");
        IncidentAlert first = alerts.get(0);
        for (IncidentAlert alert : alerts) {
            text.append("\n• `#").append(alert.alertId()).append("` *").append(SlackText.escape(alert.ruleName()))
                    .append('*');
            Duration after = Duration.between(first.joinedAt(), alert.joinedAt());
            if (alert == first) {
                text.append(" (first)");
            } else {
                text.append(after.isNegative() ? " (fired " + Durations.format(after.negated().withNanos(0))
                        + " before the first)" : " (fired " + Durations.format(after.withNanos(0)) + " after)");
            }
        }
        return SlackText.cut(text.toString(), AnalysisMessage.MAX_SECTION_CHARS);
    }

    private static String key(Incident incident) {
        return "`" + SlackText.escape(incident.key().replace('`', 'ˋ')) + "`";
    }
}

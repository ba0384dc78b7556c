package dev.watchdog.approval.slack;

import dev.watchdog.approval.ApprovalService;
import dev.watchdog.approval.AuditRecord;
import dev.watchdog.approval.DecisionOutcome;
import dev.watchdog.db.StoreException;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.SlackText;
import dev.watchdog.slack.SubCommand;
import dev.watchdog.slack.SubCommands;
import java.util.List;
import java.util.Locale;

/** {@code /watchdog audit [n]} and {@code /watchdog reject <P-id> [reason]}. */
public final class ApprovalCommands {

    static final int DEFAULT_AUDIT = 10;
    static final int MAX_AUDIT = 50;
    private static final String AUDIT_USAGE = "Usage: `/watchdog audit [n]`: the newest n audit records (1 to "
            + MAX_AUDIT + ", default " + DEFAULT_AUDIT + ").";
    private static final String REJECT_USAGE = "Usage: `/watchdog reject <proposal id> [reason]`,"
            + " e.g. `/watchdog reject P-7KQ2XA not during the sale`.";

    private final ApprovalService service;

    public ApprovalCommands(ApprovalService service) {
        this.service = service;
    }

    public List<SubCommand> subCommands() {
        return List.of(
                SubCommands.of("audit", "audit [n]", "recent proposals, decisions and runs of actions", this::audit),
                SubCommands.of("reject", "reject <proposal id> [reason]", "reject a proposed action, with a reason",
                        this::reject));
    }

    private CommandReply audit(CommandInput input) {
        int count = DEFAULT_AUDIT;
        if (input.arguments().size() > 1) {
            return CommandReply.ephemeral(AUDIT_USAGE);
        }
        if (input.arguments().size() == 1) {
            String text = input.arguments().get(0);
            if (!text.matches("[0-9]{1,3}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_AUDIT) {
                return CommandReply.ephemeral(AUDIT_USAGE);
            }
            count = Integer.parseInt(text);
        }
        List<AuditRecord> records;
        try {
            records = service.recentAudit(count);
        } catch (StoreException failure) {
            return CommandReply.ephemeral("The audit trail cannot be read right now (Watchdog's store failed). Try"
                    + " again; if it keeps failing, check Watchdog's data directory and logs.");
        }
        if (records.isEmpty()) {
            return CommandReply.ephemeral("The audit trail is empty: no action has been proposed yet.");
        }
        StringBuilder text = new StringBuilder("*Audit trail*, newest first (" + records.size() + "):");
        for (AuditRecord record : records) {
            text.append("\n• ").append(line(record));
        }
        return CommandReply.ephemeral(text.toString());
    }

    static String line(AuditRecord record) {
        StringBuilder line = new StringBuilder();
        line.append(SlackText.date(record.at())).append(" *").append(record.event().label()).append("*");
        if (record.proposalId() != null) {
            line.append(" `").append(SlackText.escape(record.proposalId())).append("`");
        }
        if (record.actionId() != null) {
            line.append(" ").append(record.actionId());
        }
        if (record.actor() != null) {
            line.append(" · ").append(record.actor().matches("[UW][A-Z0-9]+") ? "<@" + record.actor() + ">"
                    : SlackText.escape(record.actor()));
        }
        if (record.detail() != null && !record.detail().isBlank()) {
            line.append(" · ").append(SlackText.escape(SlackText.cut(record.detail(), 200)));
        }
        if (record.requestHash() != null) {
            line.append(" · sha256 `").append(record.requestHash(), 0, Math.min(12, record.requestHash().length()))
                    .append("`");
        }
        return line.toString();
    }

    private CommandReply reject(CommandInput input) {
        if (input.arguments().isEmpty()) {
            return CommandReply.ephemeral(REJECT_USAGE);
        }
        String proposalId = input.arguments().get(0).toUpperCase(Locale.ROOT);
        String reason = String.join(" ", input.arguments().subList(1, input.arguments().size()));
        DecisionOutcome outcome = service.reject(proposalId, input.userId(), reason, null, null);
        return CommandReply.ephemeral(outcome.message());
    }
}

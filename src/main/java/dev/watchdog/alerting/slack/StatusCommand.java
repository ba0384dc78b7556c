package dev.watchdog.alerting.slack;

import dev.watchdog.alerting.AlertState;
import dev.watchdog.alerting.AlertStore;
import dev.watchdog.alerting.AlertTracker;
import dev.watchdog.alerting.PollStatus;
import dev.watchdog.alerting.SelfMonitor;
import dev.watchdog.alerting.Severity;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.db.Leadership;
import dev.watchdog.slack.CommandInput;
import dev.watchdog.config.Durations;
import dev.watchdog.slack.DeliveryBacklog;
import dev.watchdog.slack.DeliveryProblems;
import dev.watchdog.slack.CommandReply;
import dev.watchdog.slack.SlackText;
import dev.watchdog.slack.SubCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** {@code /watchdog status}: is Watchdog seeing Prometheus, and what is firing, from rules and Alertmanager alike. */
public final class StatusCommand implements SubCommand {

    /** Firing alerts named, most severe first; the rest are counted. */
    static final int NAMED = 10;

    private final AlertTracker tracker;
    private final AlertStore store;
    private final PollStatus pollStatus;
    private final SelfMonitor selfMonitor;
    private final DeliveryProblems deliveryProblems;
    private final String prometheusUrl;
    private final Supplier<List<Leadership.ReplicaStatus>> replicas;
    /** Lines other features add (the model budget, ...), each empty when it has nothing to say. */
    private final List<Supplier<Optional<String>>> featureLines = new CopyOnWriteArrayList<>();

    public StatusCommand(AlertTracker tracker, AlertStore store, PollStatus pollStatus, SelfMonitor selfMonitor,
            DeliveryProblems deliveryProblems, String prometheusUrl) {
        this(tracker, store, pollStatus, selfMonitor, deliveryProblems, prometheusUrl, List::of);
    }

    /** @param replicas the replicas sharing the store and which one leads; listed when there are several */
    public StatusCommand(AlertTracker tracker, AlertStore store, PollStatus pollStatus, SelfMonitor selfMonitor,
            DeliveryProblems deliveryProblems, String prometheusUrl,
            Supplier<List<Leadership.ReplicaStatus>> replicas) {
        this.replicas = replicas;
        this.tracker = tracker;
        this.store = store;
        this.pollStatus = pollStatus;
        this.selfMonitor = selfMonitor;
        this.deliveryProblems = deliveryProblems;
        this.prometheusUrl = prometheusUrl;
    }

    /** Adds lines other features contribute, shown after the alerts; returns this command. */
    public StatusCommand withLines(List<Supplier<Optional<String>>> lines) {
        featureLines.addAll(lines);
        return this;
    }

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String usage() {
        return "status";
    }

    @Override
    public String description() {
        return "rules, firing alerts, and whether Prometheus is reachable";
    }

    @Override
    public CommandReply handle(CommandInput input) {
        if (!input.arguments().isEmpty()) {
            return CommandReply.ephemeral("`/watchdog status` takes no arguments.");
        }
        PollStatus.Snapshot poll = pollStatus.snapshot();
        String prometheus;
        if (poll.lastPoll() == null) {
            prometheus = ":hourglass: Prometheus (" + prometheusUrl + "): not polled yet";
        } else if (poll.reachable()) {
            prometheus = ":large_green_circle: Prometheus (" + prometheusUrl + "): reachable";
        } else {
            prometheus = ":red_circle: Prometheus (" + prometheusUrl + "): *unreachable* for "
                    + poll.consecutiveFailures() + " poll(s), alerts are frozen until it is back: "
                    + SlackText.escape(SlackText.cut(poll.lastError(), 300));
        }
        String lastPoll = poll.lastPoll() == null ? "never" : SlackText.date(poll.lastPoll());
        List<StoredAlert> open = store.openAlerts();
        List<StoredAlert> firing = open.stream().filter(alert -> alert.alert().state() == AlertState.FIRING)
                .sorted(Comparator.comparing((StoredAlert alert) -> Severity.of(alert.alert())).reversed()
                        .thenComparingLong(StoredAlert::id))
                .toList();
        long pending = open.stream().filter(alert -> alert.alert().state() == AlertState.PENDING).count();
        StringBuilder text = new StringBuilder("*Watchdog status*\n").append(prometheus).append('\n')
                .append("Last poll: ").append(lastPoll).append('\n')
                .append("Rules: ").append(tracker.rules().size() - selfMonitor.rules().size()).append('\n')
                .append("Alerts: ").append(firing.size()).append(" firing, ").append(pending).append(" pending");
        firing.stream().limit(NAMED).forEach(alert -> text.append("\n• ").append(line(alert)));
        if (firing.size() > NAMED) {
            text.append("\n…and ").append(firing.size() - NAMED).append(" more firing (`/watchdog alerts`)");
        }
        selfMonitor.failingRules().forEach((rule, error) -> text.append("\n:warning: Rule *")
                .append(SlackText.escape(rule.name())).append("* (").append(SlackText.escape(rule.origin()))
                .append(") cannot be evaluated: ").append(SlackText.escape(SlackText.cut(error, 300))));
        text.append(backlogText());
        deliveryProblems.describe().forEach(problem -> text.append("\n:warning: Slack: ")
                .append(SlackText.escape(SlackText.cut(problem, 300))));
        featureLines.forEach(line -> line.get().ifPresent(more -> text.append('\n').append(more)));
        text.append(replicasText());
        return CommandReply.ephemeral(text.toString());
    }

    /**
     * Said only while something waits: a quiet status means Slack has everything. Each class that waits is named
     * (interactive, alert, bulk), so a storm's backlog is told apart from edits people are waiting for.
     */
    private String backlogText() {
        DeliveryBacklog.Snapshot backlog = deliveryProblems.backlog().snapshot();
        if (backlog.waiting() == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n:outbox_tray: Slack backlog: ").append(backlog.waiting())
                .append(" message(s) waiting, the oldest for ").append(age(backlog));
        List<String> classes = new ArrayList<>();
        deliveryProblems.backlog().byClass().forEach((writeClass, waiting) -> {
            if (waiting.waiting() > 0) {
                classes.add(writeClass.label() + " " + waiting.waiting() + " (oldest " + age(waiting) + ")");
            }
        });
        return text.append(": ").append(String.join(", ", classes)).toString();
    }

    private static String age(DeliveryBacklog.Snapshot waiting) {
        return Durations.format(Duration.ofSeconds(waiting.oldestAge().toSeconds()));
    }

    /** {@code `#12` *HighErrorRate* critical, from alertmanager · summary} */
    private static String line(StoredAlert alert) {
        Severity severity = Severity.of(alert.alert());
        boolean fromRule = alert.ruleKey().contains("/");
        String summary = AlertViews.summaryOf(alert);
        return "`#" + alert.shortId() + "` *" + SlackText.escape(alert.alert().ruleName()) + "*"
                + (severity == Severity.NONE ? "" : " " + severity.name().toLowerCase(Locale.ROOT))
                + (fromRule ? "" : (severity == Severity.NONE ? " " : ", ") + "from "
                        + SlackText.escape(alert.ruleKey()))
                + (summary.isEmpty() ? "" : " · " + SlackText.escape(SlackText.cut(summary, 100)));
    }

    /** One line per replica when several share the store: who leads since when, who was seen when. */
    private String replicasText() {
        List<Leadership.ReplicaStatus> seen = replicas.get();
        if (seen.size() < 2) {
            return "";
        }
        StringBuilder text = new StringBuilder("\nReplicas: ").append(seen.size());
        for (Leadership.ReplicaStatus replica : seen) {
            text.append("\n• ").append(SlackText.escape(replica.host())).append(" (")
                    .append(SlackText.escape(replica.id())).append(")")
                    .append(replica.leads() ? ": *leads* since " + SlackText.date(replica.leaderSince())
                            : ": serves people, last seen " + SlackText.date(replica.lastSeen()));
        }
        return text.toString();
    }
}

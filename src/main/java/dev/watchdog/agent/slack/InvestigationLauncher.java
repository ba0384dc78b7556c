package dev.watchdog.agent.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.watchdog.agent.AlertContext;
import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.agent.ConversationStore;
import dev.watchdog.agent.CostLine;
import dev.watchdog.agent.Investigator;
import dev.watchdog.agent.ThreadKey;
import dev.watchdog.agent.incident.Incident;
import dev.watchdog.agent.incident.IncidentAlert;
import dev.watchdog.agent.incident.Incidents;
import dev.watchdog.agent.incident.Membership;
import dev.watchdog.agent.incident.Permalinks;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.AlertNotifier;
import dev.watchdog.alerting.notify.AlertView;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.db.Claims;
import dev.watchdog.db.StoreException;
import dev.watchdog.slack.MessageTag;
import dev.watchdog.slack.Placeholders;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import dev.watchdog.slack.SlackText;
import dev.watchdog.slack.WriteClass;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts one investigation per incident once its first alert is in Slack, never before: the
 * alert does not wait for the model. Alerts that join an incident get a link to its
 * investigation in their thread, and the investigation's message lists them. Investigations run
 * a few at a time; a storm gets one, in its group message's thread. A thread that already has a
 * conversation (say, after a restart) is not investigated again.
 */
public final class InvestigationLauncher implements AlertNotifier.AnnouncementListener {

    private static final Logger log = LoggerFactory.getLogger(InvestigationLauncher.class);
    /** Finished results kept to redraw an investigation when another alert joins; past this, joins are replies. */
    private static final Duration KEEP_RESULTS = Duration.ofDays(1);

    private final Investigator investigator;
    private final AlertNotifier notifier;
    private final AlertViews views;
    private final ConversationStore store;
    private final CostLine costLine;
    private final Claims claims;
    private final ExecutorService pool;
    private final Incidents incidents;
    private final Permalinks permalinks;
    private final Clock clock;
    private final LongConsumer unverifiedEvidence;
    private final Placeholders placeholders;
    private final Set<Long> started = ConcurrentHashMap.newKeySet();
    /** Incident id -> its finished analysis, to redraw the message with the alerts that joined since. */
    private final Cache<Long, Shown> finished =
            Caffeine.newBuilder().maximumSize(500).expireAfterWrite(KEEP_RESULTS).build();
    /** Reading an incident's alerts and queueing its redraw happen together, so the last redraw has them all. */
    private final Object redraws = new Object();
    private volatile DiagnosisHook diagnoses = DiagnosisHook.NONE;

    /**
     * @param pool where investigations run: a few threads and a bounded queue, so a storm cannot pile up work
     * @param unverifiedEvidence told how many evidence items of an analysis were not found in its tool results
     * @param placeholders where the "Investigating…" message is kept until the analysis replaces it
     */
    public InvestigationLauncher(Investigator investigator, AlertNotifier notifier, AlertViews views,
            ConversationStore store, CostLine costLine, Claims claims, ExecutorService pool, Incidents incidents,
            Permalinks permalinks, Clock clock, LongConsumer unverifiedEvidence, Placeholders placeholders) {
        this.placeholders = placeholders;
        this.investigator = investigator;
        this.notifier = notifier;
        this.views = views;
        this.store = store;
        this.costLine = costLine;
        this.claims = claims;
        this.pool = pool;
        this.incidents = incidents;
        this.permalinks = permalinks;
        this.clock = clock;
        this.unverifiedEvidence = unverifiedEvidence;
    }

    /** Who keeps each diagnosis and adds to its message (the incident memory's feedback buttons). */
    public void onDiagnosis(DiagnosisHook hook) {
        this.diagnoses = hook;
    }

    @Override
    public void announced(StoredAlert alert, PostedMessage thread, boolean startsThread) {
        if (!startsThread || !started.add(alert.id()) || !claims.claim("investigation:" + alert.id())) {
            return; // not the thread's first alert, or already investigated here or by another replica
        }
        String threadKey = ThreadKey.of(thread.channel(), thread.ts());
        if (store.conversation(threadKey).isPresent()) {
            return; // investigated before a restart
        }
        Optional<Membership> membership = incidentOf(alert, thread);
        if (membership.isPresent() && !membership.get().leads()) {
            joined(alert, thread, membership.get().incident());
            return;
        }
        Long incidentId = membership.map(m -> m.incident().id()).orElse(null);
        // The placeholder opens the thread: what else comes into it (the graph) waits until it is in Slack.
        CompletableFuture<PostedMessage> opened = new CompletableFuture<>();
        notifier.openings().expect(thread, opened);
        try {
            pool.execute(() -> investigate(WriteClass.BULK, alert, thread, threadKey, incidentId, opened));
        } catch (RejectedExecutionException full) {
            log.warn("too many investigations waiting; alert {} #{} is not investigated", alert.alert().ruleName(),
                    alert.id());
            notifier.reply(WriteClass.BULK, thread, SlackMessage.text(":hourglass: Too many alerts are being"
                    + " investigated right now; ask here (mention me) when you want this one looked at."))
                    .whenComplete((posted, failure) -> opened.complete(posted));
        }
    }

    /** Investigates on request (the Investigate button), in the alert's thread: an answer to somebody. */
    public boolean investigateNow(StoredAlert alert) {
        if (!alert.inSlack()) {
            return false;
        }
        PostedMessage thread = alert.message();
        try {
            pool.execute(() -> investigate(WriteClass.INTERACTIVE, alert, thread,
                    ThreadKey.of(thread.channel(), thread.ts()), null, new CompletableFuture<>()));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    /** The alert's incident; a store that cannot say leaves the alert to be investigated on its own. */
    private Optional<Membership> incidentOf(StoredAlert alert, PostedMessage thread) {
        try {
            return incidents.join(alert, thread);
        } catch (StoreException e) {
            log.warn("could not find the incident of alert {} #{}; investigating it on its own",
                    alert.alert().ruleName(), alert.id(), e);
            return Optional.empty();
        }
    }

    /** A later alert of an incident: a link in its thread, and the investigation lists it. */
    private void joined(StoredAlert alert, PostedMessage thread, Incident incident) {
        List<IncidentAlert> alerts = incidents.store().alerts(incident.id());
        log.info("alert {} #{} joined incident {} ({})", alert.alert().ruleName(), alert.id(), incident.id(),
                incident.key());
        notifier.openings().expect(thread, notifier.reply(WriteClass.BULK, thread, IncidentMessages.link(
                permalinks.of(incident.thread()), alerts.get(0), incident, incidents.settings())));
        Shown shown = finished.getIfPresent(incident.id());
        if (shown != null) {
            showLikelyCause(List.of(alert.id()), shown.result());
        }
        redraw(incident.id()).ifPresent(future -> future.exceptionally(failure -> {
            log.warn("could not update the investigation of incident {}", incident.id(), failure);
            return null;
        }));
    }

    /**
     * Redraws the incident's investigation message with its alerts: the placeholder while it
     * runs, the result once it is in. A result from before a restart is not known here, so the
     * joined alert is said in a reply instead. Empty when there is no message yet: the
     * investigation lists the alerts when it posts.
     */
    private Optional<CompletableFuture<?>> redraw(long incidentId) {
        synchronized (redraws) {
            Incident incident = incidents.store().byId(incidentId).orElseThrow();
            if (incident.investigation() == null) {
                return Optional.empty();
            }
            List<IncidentAlert> alerts = incidents.store().alerts(incidentId);
            if (alerts.size() < 2) {
                return Optional.empty(); // nothing joined: the message is as it was posted
            }
            Shown shown = finished.getIfPresent(incidentId);
            if (shown == null && incident.analyzedAt() != null) {
                IncidentAlert newest = alerts.get(alerts.size() - 1);
                return Optional.of(notifier.reply(WriteClass.BULK, incident.thread(), SlackMessage.text(":link: `#"
                        + newest.alertId() + "` *" + SlackText.escape(newest.ruleName()) + "* joined this incident.")));
            }
            SlackMessage message = shown == null ? placeholder(alerts.get(0).ruleName()) : shown.message();
            return Optional.of(notifier.edit(WriteClass.BULK, incident.investigation(),
                    IncidentMessages.withAlerts(message, incident, alerts)));
        }
    }

    /**
     * @param writeClass {@link WriteClass#BULK} for an alert's own investigation, {@link WriteClass#INTERACTIVE} for
     *                   one somebody asked for
     * @param opened     completed once the placeholder is in Slack, or could not be posted
     */
    private void investigate(WriteClass writeClass, StoredAlert alert, PostedMessage thread, String threadKey,
            Long incidentId, CompletableFuture<PostedMessage> opened) {
        MDC.put("alert", alert.fingerprint());
        MDC.put("thread", threadKey);
        try (InvestigationTrace trace = InvestigationTrace.start(alert, threadKey)) {
            MessageTag tag = placeholders.opening(thread.channel(), thread.ts(), Placeholders.Purpose.INVESTIGATION);
            PostedMessage placeholder;
            try {
                placeholder = notifier.replyTagged(writeClass, thread, placeholder(alert.alert().ruleName()), tag)
                        .join();
            } finally {
                opened.complete(null);
            }
            placeholders.posted(tag, placeholder);
            if (incidentId != null) {
                remember(incidentId, placeholder);
            }
            AlertView view = views.of(alert);
            AnalysisResult result = investigator.analyze(AlertContext.of(alert, view.expr(), view.graphUrl()),
                    threadKey);
            trace.finished(result);
            if (result.analysis() != null && !result.analysis().unverified().isEmpty()) {
                unverifiedEvidence.accept(result.analysis().unverified().size());
            }
            finish(writeClass, alert, placeholder, incidentId, result).join();
            placeholders.done(tag);
        } catch (RuntimeException failure) {
            log.error("investigation of alert {} failed: {}", alert.alert().ruleName(), failure.toString(), failure);
        } finally {
            opened.complete(null); // when even the placeholder's tag could not be kept
            MDC.remove("alert");
            MDC.remove("thread");
        }
    }

    /** Shows the result in place of the placeholder, with the incident's alerts, and its likely cause on each alert. */
    private CompletableFuture<?> finish(WriteClass writeClass, StoredAlert alert, PostedMessage placeholder,
            Long incidentId, AnalysisResult result) {
        SlackMessage message = diagnoses.diagnosed(alert, result, placeholder, AnalysisMessage.render(result, costLine));
        if (incidentId != null) {
            try {
                CompletableFuture<?> edited;
                List<IncidentAlert> alerts;
                synchronized (redraws) {
                    finished.put(incidentId, new Shown(result, message));
                    incidents.store().analyzed(incidentId, clock.instant());
                    Incident incident = incidents.store().byId(incidentId).orElseThrow();
                    alerts = incidents.store().alerts(incidentId);
                    edited = notifier.edit(writeClass, placeholder, IncidentMessages.withAlerts(message, incident,
                            alerts));
                }
                showLikelyCause(alerts.stream().map(IncidentAlert::alertId).toList(), result);
                return edited;
            } catch (StoreException e) {
                log.warn("could not read incident {}; showing the analysis without its alerts", incidentId, e);
            }
        }
        showLikelyCause(List.of(alert.id()), result);
        return notifier.edit(writeClass, placeholder, message);
    }

    /** The investigation's message, so joining alerts can update it; alerts may have joined while it was posted. */
    private void remember(long incidentId, PostedMessage placeholder) {
        try {
            incidents.store().investigationPosted(incidentId, placeholder);
            redraw(incidentId);
        } catch (StoreException e) {
            log.warn("could not remember the investigation of incident {}; alerts joining it will not update it",
                    incidentId, e);
        }
    }

    private void showLikelyCause(List<Long> alertIds, AnalysisResult result) {
        if (result.analysis() == null || !result.analysis().hasLikelyCause()) {
            return;
        }
        for (long id : alertIds) {
            views.likelyCause(id, result.analysis().likelyCause());
            notifier.refresh(id);
        }
    }

    private static SlackMessage placeholder(String ruleName) {
        return SlackMessage.text(":mag: Investigating *" + SlackText.escape(ruleName)
                + "*: reading metrics, logs and recent deployments…");
    }

    /** A finished analysis and the message that shows it (with what other features added, such as feedback buttons). */
    private record Shown(AnalysisResult result, SlackMessage message) {
    }
}

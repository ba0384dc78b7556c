package dev.watchdog.agent.slack;

import dev.watchdog.db.Claims;
import dev.watchdog.agent.AlertContext;
import dev.watchdog.agent.AnalysisResult;
import dev.watchdog.agent.ConversationStore;
import dev.watchdog.agent.CostLine;
import dev.watchdog.agent.Investigator;
import dev.watchdog.agent.ThreadKey;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.alerting.notify.AlertNotifier;
import dev.watchdog.alerting.notify.AlertView;
import dev.watchdog.alerting.notify.AlertViews;
import dev.watchdog.slack.PostedMessage;
import dev.watchdog.slack.SlackMessage;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Starts one investigation per alert occurrence once the alert is in Slack, never before: the
 * alert does not wait for the model. Investigations run a few at a time; a storm gets one, in
 * its group message's thread. A thread that already has a conversation (say, after a restart)
 * is not investigated again.
 */
public final class InvestigationLauncher implements AlertNotifier.AnnouncementListener {

    private static final Logger log = LoggerFactory.getLogger(InvestigationLauncher.class);

    private final Investigator investigator;
    private final AlertNotifier notifier;
    private final AlertViews views;
    private final ConversationStore store;
    private final CostLine costLine;
    private final Claims claims;
    private final ExecutorService pool;
    private final Set<Long> started = ConcurrentHashMap.newKeySet();
    private volatile DiagnosisHook diagnoses = DiagnosisHook.NONE;

    /** @param pool where investigations run: a few threads and a bounded queue, so a storm cannot pile up work */
    public InvestigationLauncher(Investigator investigator, AlertNotifier notifier, AlertViews views,
            ConversationStore store, CostLine costLine, Claims claims, ExecutorService pool) {
        this.investigator = investigator;
        this.notifier = notifier;
        this.views = views;
        this.store = store;
        this.costLine = costLine;
        this.claims = claims;
        this.pool = pool;
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
        try {
            pool.execute(() -> investigate(alert, thread, threadKey));
        } catch (RejectedExecutionException full) {
            log.warn("too many investigations waiting; alert {} #{} is not investigated", alert.alert().ruleName(),
                    alert.id());
            notifier.reply(thread, SlackMessage.text(":hourglass: Too many alerts are being investigated right now;"
                    + " ask here (mention me) when you want this one looked at."));
        }
    }

    /** Investigates on request (the Investigate button), in the alert's thread. */
    public boolean investigateNow(StoredAlert alert) {
        if (!alert.inSlack()) {
            return false;
        }
        PostedMessage thread = alert.message();
        try {
            pool.execute(() -> investigate(alert, thread, ThreadKey.of(thread.channel(), thread.ts())));
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    private void investigate(StoredAlert alert, PostedMessage thread, String threadKey) {
        MDC.put("alert", alert.fingerprint());
        MDC.put("thread", threadKey);
        try {
            PostedMessage placeholder = notifier.reply(thread, SlackMessage.text(
                    ":mag: Investigating *" + dev.watchdog.slack.SlackText.escape(alert.alert().ruleName())
                            + "*: reading metrics, logs and recent deployments…")).join();
            AlertView view = views.of(alert);
            AnalysisResult result = investigator.analyze(AlertContext.of(alert, view.expr(), view.graphUrl()),
                    threadKey);
            notifier.edit(placeholder, diagnoses.diagnosed(alert, result, placeholder,
                    AnalysisMessage.render(result, costLine))).join();
            if (result.analysis() != null && result.analysis().likelyCause() != null) {
                views.likelyCause(alert.id(), result.analysis().likelyCause());
                notifier.refresh(alert.id());
            }
        } catch (RuntimeException failure) {
            log.error("investigation of alert {} failed: {}", alert.alert().ruleName(), failure.toString(), failure);
        } finally {
            MDC.remove("alert");
            MDC.remove("thread");
        }
    }

}

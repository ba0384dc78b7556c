package dev.watchdog.agent.incident;

import dev.watchdog.alerting.AlertInstance;
import dev.watchdog.alerting.StoredAlert;
import dev.watchdog.slack.PostedMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides which incident an alert that reached Slack belongs to: the open incident of its key
 * ({@link IncidentKey}) when one had an alert fire within the window before it, else a new one
 * it leads. Times are the alerts' own firing times, so alerts announced late (after a Slack
 * outage) still join by when they fired.
 */
public final class Incidents {

    private final IncidentSettings settings;
    private final IncidentStore store;
    private final Clock clock;

    public Incidents(IncidentSettings settings, IncidentStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /** The alert's incident; empty when incidents are off or the alert has none of the grouping labels. */
    public Optional<Membership> join(StoredAlert alert, PostedMessage thread) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        AlertInstance instance = alert.alert();
        Optional<String> key = IncidentKey.of(instance.labels(), settings.groupBy());
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant firedAt = instance.firedAt() != null ? instance.firedAt()
                : instance.activeAt() != null ? instance.activeAt() : clock.instant();
        return Optional.of(store.joinOrOpen(key.get(), alert.id(), instance.ruleName(), thread, firedAt,
                firedAt.minus(settings.window())));
    }

    public IncidentStore store() {
        return store;
    }

    public IncidentSettings settings() {
        return settings;
    }
}

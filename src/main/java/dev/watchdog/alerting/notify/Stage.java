package dev.watchdog.alerting.notify;

import java.util.Optional;

/**
 * One step on an alert's way to Slack, with one job (after Alertmanager's notify stages). Stages
 * run in order on the delivery thread; each hands the announcement on, with what it decided, or
 * stops it.
 */
interface Stage {

    /** The announcement for the next stage, or empty when the alert goes no further. */
    Optional<Announcement> apply(Announcement announcement);
}

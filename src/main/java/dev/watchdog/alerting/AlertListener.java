package dev.watchdog.alerting;

import java.util.List;

/** Receives the transitions of one evaluation, in order. Must not block the poller for long. */
@FunctionalInterface
public interface AlertListener {

    void onTransitions(List<AlertTransition> transitions);
}

package dev.watchdog.alerting;

import java.util.List;

/** Where alerts evaluated elsewhere enter Watchdog's pipeline. */
@FunctionalInterface
public interface ExternalAlertSink {

    /** @param source where they came from, e.g. {@code alertmanager}; shown to users */
    void receive(String source, List<ExternalAlert> alerts);
}

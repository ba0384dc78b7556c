package dev.watchdog.approval;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires pending proposals whose time is up, every {@link #INTERVAL}, so their messages stop
 * offering buttons. An Approve after the expiry time is refused even before the sweep gets to it.
 */
public final class ProposalExpirySweeper implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofSeconds(15);

    private static final Logger log = LoggerFactory.getLogger(ProposalExpirySweeper.class);

    private final ApprovalService service;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "proposal-expiry");
        thread.setDaemon(true);
        return thread;
    });

    public ProposalExpirySweeper(ApprovalService service) {
        this.service = service;
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::sweep, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            service.expireDue();
        } catch (RuntimeException failure) {
            // The next sweep tries again; meanwhile approvals are still refused once expired.
            log.warn("could not expire proposals: {}", failure.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

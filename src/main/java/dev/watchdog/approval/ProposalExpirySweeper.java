package dev.watchdog.approval;

import dev.watchdog.concurrent.Routine;
import java.time.Duration;

/**
 * Expires pending proposals whose time is up, every {@link #INTERVAL}, so their messages stop
 * offering buttons. An Approve after the expiry time is refused even before the sweep gets to it,
 * and a failed sweep is simply tried again next time.
 */
public final class ProposalExpirySweeper implements Routine {

    public static final Duration INTERVAL = Duration.ofSeconds(15);

    private final ApprovalService service;

    public ProposalExpirySweeper(ApprovalService service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "proposal-expiry";
    }

    @Override
    public Duration interval() {
        return INTERVAL;
    }

    @Override
    public Duration initialDelay() {
        return INTERVAL; // the feature's start settles what is already due
    }

    @Override
    public void runOnce() {
        service.expireDue();
    }
}

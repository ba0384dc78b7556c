package dev.watchdog.boot;

import dev.watchdog.concurrent.Routine;
import dev.watchdog.db.Database;
import dev.watchdog.db.Leadership;
import dev.watchdog.db.StaleLeaseException;
import dev.watchdog.db.StoreException;
import dev.watchdog.ops.Readiness;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This replica's part in leadership, as features use it: only the leader polls, posts what it
 * polled and runs routines; its leader-only writes are fenced by its lease, so a leader that was
 * paused past its lease writes nothing once another took over. With SQLite this process always
 * leads. As a routine it keeps the lease, asking when {@link Leadership#nextAttempt()} says.
 */
public final class Leader implements Routine {

    private static final Logger log = LoggerFactory.getLogger(Leader.class);

    private final Database database;
    private final Leadership leadership;
    private final Duration checkEvery;
    private final Clock clock;
    private final Readiness.Condition storeReachable;
    private final List<Runnable> takeOvers = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> outages = message -> { };
    private volatile Optional<Leadership.Lease> lease = Optional.empty();
    private volatile boolean stopped;
    private volatile boolean asked;
    private volatile boolean toldOutage;
    private volatile boolean outage;

    Leader(Database database, Leadership leadership, Duration pollInterval, Clock clock,
            Readiness.Condition storeReachable) {
        this.database = database;
        this.leadership = leadership;
        this.checkEvery = pollInterval.dividedBy(4).compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100)
                : pollInterval.dividedBy(4);
        this.clock = clock;
        this.storeReachable = storeReachable;
    }

    /** Whether this replica leads now, by its own clock: a paused leader wakes up knowing it may not. */
    public boolean leads() {
        return leadership.isLeader();
    }

    /** Runs when this replica becomes the leader, before it polls: e.g. to resume the timers the old leader stored. */
    public void onTakeOver(Runnable action) {
        takeOvers.add(action);
    }

    /**
     * Makes a write only the leader may make, in one transaction with the check that this
     * replica's lease is still the current one.
     *
     * @throws StaleLeaseException when another replica took over; nothing was written
     */
    public <T> T fenced(String what, Supplier<T> write) {
        Leadership.Lease held = lease.orElseThrow(() -> new StaleLeaseException(what + ": this replica does not lead"));
        return database.inTransaction(what, sql -> {
            leadership.fence(sql, held.epoch());
            return write.get();
        });
    }

    /** Told, once per outage and once when it ends, that the store cannot be reached: a word for people. */
    public void onStoreOutage(Consumer<String> notice) {
        this.outages = notice;
    }

    /** The routine, run only while this replica leads. */
    public Routine whileLeading(Routine routine) {
        return Routine.of(routine.name(), routine.interval(), routine.initialDelay(), () -> {
            if (leads()) {
                routine.runOnce();
            }
        });
    }


    public List<Leadership.ReplicaStatus> replicas() {
        return leadership.status();
    }

    @Override
    public String name() {
        return "leadership";
    }

    @Override
    public Duration interval() {
        return checkEvery;
    }

    @Override
    public void runOnce() {
        if (stopped || asked && clock.instant().isBefore(leadership.nextAttempt())) {
            return;
        }
        asked = true;
        // Led until now: it held a lease, even one that ran out while it was paused.
        boolean led = lease.isPresent();
        try {
            lease = leadership.tryAcquireOrRenew();
        } catch (StoreException unavailable) {
            // Said in Slack by the replica that led, once per outage; the others only log it.
            if (led && !toldOutage) {
                toldOutage = true;
                outages.accept(":warning: Watchdog cannot reach its store (" + unavailable.getMessage() + "). Until"
                        + " it is back, nothing changes that cannot be recorded first: alerts are not posted, clicks"
                        + " are refused.");
            }
            if (!outage) { // once per outage: it is asked again every few hundred ms
                outage = true;
                log.warn("cannot reach the store to renew the lease: {}; {}", unavailable.getMessage(),
                        led ? "leading until the lease ends, then polling and posting nothing until it is back"
                                : "not leading");
            }
            storeReachable.markNotReady();
            return;
        }
        if (outage) {
            outage = false;
            log.info("the store can be reached again");
        }
        if (toldOutage) {
            toldOutage = false;
            outages.accept(":white_check_mark: Watchdog reaches its store again.");
        }
        storeReachable.markReady();
        if (lease.isPresent() && !led) {
            log.info("this replica leads from now on (epoch {})", lease.get().epoch());
            takeOvers.forEach(Runnable::run);
        } else if (lease.isEmpty() && led) {
            log.warn("another replica has taken the lead; this one stops polling and posting");
        }
    }

    /** Lets another replica take over at once, for an orderly stop. */
    void release() {
        stopped = true;
        if (lease.isPresent()) {
            leadership.release();
        }
    }
}

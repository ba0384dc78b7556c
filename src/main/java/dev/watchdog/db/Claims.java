package dev.watchdog.db;

import java.time.Clock;
import java.time.Instant;

/**
 * Work that must run once however many replicas hear of it: the first to claim a key does the
 * work, the others leave it. One insert decides, so two replicas cannot both win. Keys are
 * opaque to the store ({@code investigation:42}, {@code answer:C1:1790000000.000100}).
 */
public final class Claims {

    private final Database database;
    private final String replica;
    private final Clock clock;

    public Claims(Database database, String replica, Clock clock) {
        this.database = database;
        this.replica = replica;
        this.clock = clock;
    }

    /** This replica's id, as claims (and other records of who does what) name it. */
    public String replica() {
        return replica;
    }

    /** True when this replica got {@code key}; false when some replica had claimed it before. */
    public boolean claim(String key) {
        return database.update("claim " + key, "INSERT INTO claims (claim_key, claimed_by, claimed_at)"
                + " VALUES (?, ?, ?) ON CONFLICT (claim_key) DO NOTHING", key, replica, clock.instant()) == 1;
    }

    /** Forgets claims older than {@code cutoff}, with the history they belonged to; returns how many. */
    public int pruneBefore(Instant cutoff) {
        return database.update("prune claims", "DELETE FROM claims WHERE claimed_at < ?", cutoff);
    }
}

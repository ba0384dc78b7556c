package dev.watchdog.db;

import java.time.Instant;

/** A store whose history is deleted once it is older than {@code store.retention}, so the store stays bounded. */
@FunctionalInterface
public interface Prunable {

    /** Deletes what is older than {@code cutoff} that nothing still open needs; returns how many rows went. */
    int pruneBefore(Instant cutoff);
}

package dev.watchdog.db;

/** A write only the leader may make came from a replica whose lease another replica has taken over. */
public final class StaleLeaseException extends RuntimeException {

    public StaleLeaseException(String message) {
        super(message);
    }

    StaleLeaseException(String replicaId, long epoch, long current) {
        super("replica " + replicaId + " no longer leads: its lease has epoch " + epoch + ", the current one " + current);
    }
}

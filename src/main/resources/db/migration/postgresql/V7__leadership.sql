-- Only PostgreSQL has these: replicas share it, and one of them leads (see LeaseLeadership).
-- The leader's lease: who holds it until when; the epoch grows with every new holder, so a write
-- only the leader may make can check in its own transaction that its writer still leads.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT,
    epoch BIGINT NOT NULL,
    since BIGINT NOT NULL,
    until BIGINT NOT NULL
);
INSERT INTO leases (name, holder, epoch, since, until) VALUES ('leader', NULL, 0, 0, 0);
-- The replicas that tried for the lease lately, for /watchdog status.
CREATE TABLE replicas (
    id TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);

-- Work that must run once across replicas (an alert's investigation, the answer to a question):
-- the first replica to insert the key does it. Times are epoch milliseconds, as in every table.
CREATE TABLE claims (
    claim_key TEXT PRIMARY KEY,
    claimed_by TEXT NOT NULL,
    claimed_at BIGINT NOT NULL
);
CREATE INDEX claims_claimed_at ON claims (claimed_at);

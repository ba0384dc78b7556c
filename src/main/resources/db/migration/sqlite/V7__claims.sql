-- Work that must run once across replicas (an alert's investigation, the answer to a question):
-- the first replica to insert the key does it.
CREATE TABLE claims (
    claim_key TEXT PRIMARY KEY,
    claimed_by TEXT NOT NULL,
    claimed_at INTEGER NOT NULL
);
CREATE INDEX claims_claimed_at ON claims (claimed_at);

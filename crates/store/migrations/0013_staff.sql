-- Staff who alone hold their secrets (decision 0020): a name, enrolment (the person sets their own
-- password and second factor through a single-use link), disabling with a reason, sessions that can be
-- seen and ended by their owner (the device, when last seen, an idle limit for staff), and role
-- changes that wait for a second administrator. TOTP secrets are sealed from now on: `totp_secret`
-- holds `s1.<key id>.<hex>` (the key is kept outside the database); clear secrets written before are
-- sealed when the service starts.
ALTER TABLE users ADD COLUMN name TEXT;
ALTER TABLE users ADD COLUMN enrolled_at BIGINT;
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE users ADD COLUMN disabled_reason TEXT;
UPDATE users SET enrolled_at = created_at WHERE totp_secret IS NOT NULL;
ALTER TABLE sessions ADD COLUMN last_seen_at BIGINT;
ALTER TABLE sessions ADD COLUMN idle_secs BIGINT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
UPDATE sessions SET last_seen_at = created_at;
CREATE TABLE role_changes (
    id          {{id}},
    user_id     BIGINT NOT NULL REFERENCES users (id),
    from_role   TEXT NOT NULL,
    role        TEXT NOT NULL,
    office      TEXT,
    proposed_by BIGINT NOT NULL REFERENCES users (id),
    proposed_at BIGINT NOT NULL,
    decided_by  BIGINT REFERENCES users (id),
    decided_at  BIGINT,
    outcome     TEXT
);
-- One open proposal per account: a second one waits until the first is decided.
CREATE UNIQUE INDEX role_changes_open ON role_changes (user_id) WHERE decided_at IS NULL;

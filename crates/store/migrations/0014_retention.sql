-- Retention (docs/retention.md): a draft its applicant deletes, or left idle past its period, keeps its
-- row and its history (append-only, in the audit log) but loses its content; erased_at says when.
ALTER TABLE applications ADD COLUMN erased_at BIGINT;
CREATE INDEX applications_drafts_idle ON applications (status, updated_at);
-- The sweeps delete in batches by age.
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX email_tokens_expiry ON email_tokens (expires_at);
CREATE INDEX jobs_finished ON jobs (state, finished_at);
CREATE INDEX verifications_at ON verifications (at);
-- API keys of other systems expire: a key made before this migration works for a year from it, while
-- its system gets a new one.
ALTER TABLE api_keys ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0;
-- @postgres
UPDATE api_keys SET expires_at = CAST(EXTRACT(EPOCH FROM now()) AS BIGINT) + 365 * 86400;
-- @sqlite
UPDATE api_keys SET expires_at = CAST(strftime('%s', 'now') AS INTEGER) + 365 * 86400;
-- @both

-- Accounts, sessions, single-use e-mail tokens, sign-in failures, the job queue and the inbox.
-- Instants are Unix seconds (UTC) in both backends, so that one SQL text serves both.
CREATE TABLE users (
    id            {{id}},
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    lang          TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'applicant',
    verified_at   {{int}},
    created_at    {{int}} NOT NULL,
    updated_at    {{int}} NOT NULL
);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    {{int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    csrf       TEXT NOT NULL,
    created_at {{int}} NOT NULL,
    expires_at {{int}} NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE TABLE email_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id    {{int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    created_at {{int}} NOT NULL,
    expires_at {{int}} NOT NULL,
    used_at    {{int}}
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);
CREATE TABLE auth_failures (
    key TEXT NOT NULL,
    at  {{int}} NOT NULL
);
CREATE INDEX auth_failures_key_at ON auth_failures (key, at);
CREATE TABLE jobs (
    id           {{id}},
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    dedup_key    TEXT UNIQUE,
    run_at       {{int}} NOT NULL,
    attempts     {{int}} NOT NULL DEFAULT 0,
    max_attempts {{int}} NOT NULL,
    locked_until {{int}},
    last_error   TEXT,
    state        TEXT NOT NULL DEFAULT 'pending',
    created_at   {{int}} NOT NULL,
    finished_at  {{int}}
);
CREATE INDEX jobs_due ON jobs (state, run_at);
CREATE TABLE inbox (
    id         {{id}},
    user_id    {{int}} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject    TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at {{int}} NOT NULL,
    read_at    {{int}}
);
CREATE INDEX inbox_user ON inbox (user_id, created_at);

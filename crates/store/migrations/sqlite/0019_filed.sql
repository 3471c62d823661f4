-- Applications filed for someone (decision 0028). Every notice of an application an office filed is
-- copied into that office's shared inbox, which every intermediary of the office sees; the office's
-- e-mail copy goes through the job queue like any other mail. A claim code (one per application, its
-- SHA-256 only) lets the applicant take the application into their own account once.
CREATE TABLE office_inbox (
    id             INTEGER PRIMARY KEY,
    office         TEXT NOT NULL,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     INTEGER NOT NULL
);
CREATE INDEX office_inbox_office ON office_inbox (office, created_at);
CREATE TABLE claim_codes (
    application_id INTEGER PRIMARY KEY REFERENCES applications (id),
    code_hash      TEXT NOT NULL UNIQUE,
    issued_by      INTEGER NOT NULL REFERENCES users (id),
    issued_at      INTEGER NOT NULL,
    used_at        INTEGER,
    used_by        INTEGER REFERENCES users (id)
);

-- Applications with their answers (JSON), documents, and the audit trail of every state change.
ALTER TABLE users ADD COLUMN office TEXT;
CREATE TABLE applications (
    id               INTEGER PRIMARY KEY,
    reference        TEXT UNIQUE,
    status           TEXT NOT NULL,
    owner_id         INTEGER REFERENCES users (id),
    applicant_email  TEXT,
    created_by       INTEGER NOT NULL REFERENCES users (id),
    channel          TEXT NOT NULL,
    office           TEXT,
    notify_office    INTEGER NOT NULL DEFAULT 0,
    lang             TEXT NOT NULL,
    answers          TEXT NOT NULL,
    reopened         TEXT NOT NULL DEFAULT '[]',
    passport_number  TEXT,
    name_key_latin   TEXT,
    name_key_kk      TEXT,
    birth_date       TEXT,
    idempotency_key  TEXT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    submitted_at     INTEGER,
    UNIQUE (created_by, idempotency_key)
);
CREATE INDEX applications_owner ON applications (owner_id);
CREATE INDEX applications_email ON applications (applicant_email);
CREATE INDEX applications_office ON applications (office);
CREATE INDEX applications_passport ON applications (passport_number);
CREATE INDEX applications_birth ON applications (birth_date);
CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at             INTEGER NOT NULL,
    actor_id       INTEGER REFERENCES users (id),
    actor_role     TEXT NOT NULL,
    office         TEXT,
    action         TEXT NOT NULL,
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    note           TEXT
);
CREATE INDEX application_events_app ON application_events (application_id, at);
CREATE TABLE documents (
    id               INTEGER PRIMARY KEY,
    application_id   INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    item             TEXT NOT NULL,
    role             TEXT NOT NULL,
    foreign_language INTEGER NOT NULL DEFAULT 0,
    filename         TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    size             INTEGER NOT NULL,
    sha256           TEXT NOT NULL,
    blob_key         TEXT NOT NULL UNIQUE,
    uploaded_by      INTEGER REFERENCES users (id),
    created_at       INTEGER NOT NULL
);
CREATE INDEX documents_app ON documents (application_id, item);

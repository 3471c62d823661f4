-- Applications with their answers (JSON), documents, and the audit trail of every state change.
ALTER TABLE users ADD COLUMN office TEXT;
CREATE TABLE applications (
    id               {{id}},
    reference        TEXT UNIQUE,
    status           TEXT NOT NULL,
    owner_id         {{int}} REFERENCES users (id),
    applicant_email  TEXT,
    created_by       {{int}} NOT NULL REFERENCES users (id),
    channel          TEXT NOT NULL,
    office           TEXT,
    notify_office    {{int}} NOT NULL DEFAULT 0,
    lang             TEXT NOT NULL,
    answers          TEXT NOT NULL,
    reopened         TEXT NOT NULL DEFAULT '[]',
    passport_number  TEXT,
    name_key_latin   TEXT,
    name_key_kk      TEXT,
    birth_date       TEXT,
    idempotency_key  TEXT,
    version          {{int}} NOT NULL DEFAULT 1,
    created_at       {{int}} NOT NULL,
    updated_at       {{int}} NOT NULL,
    submitted_at     {{int}},
    UNIQUE (created_by, idempotency_key)
);
CREATE INDEX applications_owner ON applications (owner_id);
CREATE INDEX applications_email ON applications (applicant_email);
CREATE INDEX applications_office ON applications (office);
CREATE INDEX applications_passport ON applications (passport_number);
CREATE INDEX applications_birth ON applications (birth_date);
CREATE TABLE application_events (
    id             {{id}},
    application_id {{int}} NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at             {{int}} NOT NULL,
    actor_id       {{int}} REFERENCES users (id),
    actor_role     TEXT NOT NULL,
    office         TEXT,
    action         TEXT NOT NULL,
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    note           TEXT
);
CREATE INDEX application_events_app ON application_events (application_id, at);
CREATE TABLE documents (
    id               {{id}},
    application_id   {{int}} NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    item             TEXT NOT NULL,
    role             TEXT NOT NULL,
    foreign_language {{int}} NOT NULL DEFAULT 0,
    filename         TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    size             {{int}} NOT NULL,
    sha256           TEXT NOT NULL,
    blob_key         TEXT NOT NULL UNIQUE,
    uploaded_by      {{int}} REFERENCES users (id),
    created_at       {{int}} NOT NULL
);
CREATE INDEX documents_app ON documents (application_id, item);

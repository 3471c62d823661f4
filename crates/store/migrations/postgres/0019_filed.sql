-- Applications filed for someone (decision 0028). Every notice of an application an office filed is
-- copied into that office's shared inbox, which every intermediary of the office sees; the office's
-- e-mail copy goes through the job queue like any other mail. A claim code (one per application, its
-- SHA-256 only) lets the applicant take the application into their own account once.
CREATE TABLE office_inbox (
    id             BIGSERIAL PRIMARY KEY,
    office         TEXT NOT NULL,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);
CREATE INDEX office_inbox_office ON office_inbox (office, created_at);
CREATE TABLE claim_codes (
    application_id BIGINT PRIMARY KEY REFERENCES applications (id),
    code_hash      TEXT NOT NULL UNIQUE,
    issued_by      BIGINT NOT NULL REFERENCES users (id),
    issued_at      BIGINT NOT NULL,
    used_at        BIGINT,
    used_by        BIGINT REFERENCES users (id)
);

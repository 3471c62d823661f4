-- Applications filed for someone (decision 0028). Every notice of an application an office filed is
-- copied into that office's shared inbox, which every intermediary of the office sees; the office's
-- e-mail copy goes through the job queue like any other mail. A claim code (one per application, its
-- SHA-256 only) lets the applicant take the application into their own account once.
CREATE TABLE office_inbox (
    id             {{id}},
    office         TEXT NOT NULL,
    application_id {{int}} NOT NULL REFERENCES applications (id),
    subject        TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     {{int}} NOT NULL
);
CREATE INDEX office_inbox_office ON office_inbox (office, created_at);
CREATE TABLE claim_codes (
    application_id {{int}} PRIMARY KEY REFERENCES applications (id),
    code_hash      TEXT NOT NULL UNIQUE,
    issued_by      {{int}} NOT NULL REFERENCES users (id),
    issued_at      {{int}} NOT NULL,
    used_at        {{int}},
    used_by        {{int}} REFERENCES users (id)
);

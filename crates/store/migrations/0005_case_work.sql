-- Case work: routing to an office, the statutory deadline, background checks, document reviews, notes,
-- the IIN and decisions. Dates are ISO text (YYYY-MM-DD) in both backends: they sort as dates.
ALTER TABLE applications ADD COLUMN assigned_office TEXT;
ALTER TABLE applications ADD COLUMN due_on TEXT;
ALTER TABLE applications ADD COLUMN iin TEXT;
ALTER TABLE applications ADD COLUMN category TEXT;
ALTER TABLE applications ADD COLUMN country TEXT;
CREATE INDEX applications_queue ON applications (assigned_office, status, due_on);
CREATE TABLE checks (
    id             {{id}},
    application_id {{int}} NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    agency         TEXT NOT NULL,
    requested_at   {{int}} NOT NULL,
    due_on         TEXT NOT NULL,
    answered_at    {{int}},
    result         TEXT,
    reference      TEXT,
    answered_by    {{int}} REFERENCES users (id),
    UNIQUE (application_id, agency)
);
CREATE INDEX checks_open ON checks (agency, answered_at, due_on);
CREATE TABLE document_reviews (
    document_id {{int}} PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    verdict     TEXT NOT NULL,
    reason      TEXT,
    reviewed_by {{int}} NOT NULL REFERENCES users (id),
    reviewed_at {{int}} NOT NULL
);
CREATE TABLE case_notes (
    id             {{id}},
    application_id {{int}} NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    author_id      {{int}} NOT NULL REFERENCES users (id),
    at             {{int}} NOT NULL,
    text           TEXT NOT NULL
);
CREATE INDEX case_notes_app ON case_notes (application_id, at);

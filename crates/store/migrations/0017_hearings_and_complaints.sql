-- Hearings before an intended refusal (APPC Art. 73) and complaints against a decision or against
-- silence (APPC Art. 91-93). A hearing belongs to one proposal of refusal (the time of its
-- propose_refusal event): one per proposal, one per office and slot. A complaint has its own states;
-- one complaint at a time is open on an application.
CREATE TABLE hearings (
    id                {{id}},
    application_id    {{int}} NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    proposal_at       BIGINT NOT NULL,
    office            TEXT NOT NULL,
    mode              TEXT NOT NULL CHECK (mode IN ('online', 'in_person')),
    slot_at           BIGINT NOT NULL,
    requested_by      {{int}} NOT NULL REFERENCES users (id),
    requested_at      BIGINT NOT NULL,
    rescheduled_at    BIGINT,
    reschedule_reason TEXT,
    recorded_at       BIGINT,
    recorded_by       {{int}} REFERENCES users (id),
    attended          TEXT CHECK (attended IN ('yes', 'no')),
    minutes           TEXT,
    UNIQUE (application_id, proposal_at),
    UNIQUE (office, slot_at),
    CHECK ((recorded_at IS NULL) = (attended IS NULL))
);
CREATE TABLE complaints (
    id             {{id}},
    application_id {{int}} NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    subject        TEXT NOT NULL CHECK (subject IN ('refusal', 'silence', 'revocation')),
    request        TEXT NOT NULL CHECK (request IN ('grant', 'reconsider', 'decide', 'reinstate')),
    grounds        TEXT NOT NULL,
    contact        TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('lodged', 'forwarded', 'revised', 'upheld', 'overturned')),
    office         TEXT NOT NULL,
    appeals_office TEXT NOT NULL,
    lodged_by      {{int}} NOT NULL REFERENCES users (id),
    lodged_at      BIGINT NOT NULL,
    due_on         TEXT NOT NULL,
    forwarded_at   BIGINT,
    decided_at     BIGINT,
    decided_by     {{int}} REFERENCES users (id),
    outcome        TEXT,
    reason         TEXT
);
CREATE UNIQUE INDEX complaints_one_open ON complaints (application_id) WHERE status IN ('lodged', 'forwarded');
CREATE INDEX complaints_by_office ON complaints (status, office, appeals_office);

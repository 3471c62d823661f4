-- The card: signing keys (public halves, the private seeds live in files or secrets), cards with
-- their status-list slot, the card's audit trail, requests that need a second person (revocation,
-- reissue on a new passport), the verification log, and API keys for other systems (the citizenship
-- registry).
CREATE TABLE signing_keys (
    kid        TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    sign_from  {{int}},
    sign_until {{int}},
    created_at {{int}} NOT NULL,
    withdrawn_at {{int}}
);
CREATE TABLE card_serials (
    id         {{id}},
    created_at {{int}} NOT NULL
);
CREATE TABLE cards (
    id             {{int}} PRIMARY KEY,
    number         TEXT UNIQUE,
    application_id {{int}} NOT NULL REFERENCES applications (id),
    holder_id      {{int}} REFERENCES users (id),
    state          TEXT NOT NULL,
    list_id        {{int}} NOT NULL,
    list_idx       {{int}} NOT NULL,
    family_name    TEXT NOT NULL,
    given_names    TEXT NOT NULL,
    family_name_kk TEXT,
    given_names_kk TEXT,
    birth_date     TEXT NOT NULL,
    citizenship    TEXT NOT NULL,
    passport_number TEXT NOT NULL,
    passport_expires TEXT NOT NULL,
    valid_from     TEXT NOT NULL,
    valid_until    TEXT NOT NULL,
    issued_at      {{int}} NOT NULL,
    expires_at     {{int}} NOT NULL,
    kid            TEXT NOT NULL,
    qr_text        TEXT NOT NULL,
    replaces       {{int}} REFERENCES cards (id),
    state_at       {{int}} NOT NULL,
    state_note     TEXT,
    UNIQUE (list_id, list_idx)
);
CREATE INDEX cards_application ON cards (application_id);
CREATE INDEX cards_holder ON cards (holder_id);
CREATE INDEX cards_expiry ON cards (state, expires_at);
CREATE TABLE card_events (
    id         {{id}},
    card_id    {{int}} NOT NULL REFERENCES cards (id),
    at         {{int}} NOT NULL,
    actor_id   {{int}} REFERENCES users (id),
    actor_role TEXT NOT NULL,
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX card_events_card ON card_events (card_id, at);
CREATE TABLE card_requests (
    id           {{id}},
    card_id      {{int}} NOT NULL REFERENCES cards (id),
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    requested_by {{int}} REFERENCES users (id),
    requested_at {{int}} NOT NULL,
    decided_by   {{int}} REFERENCES users (id),
    decided_at   {{int}},
    outcome      TEXT,
    open_key     TEXT UNIQUE
);
CREATE INDEX card_requests_open ON card_requests (kind, decided_at);
CREATE TABLE verifications (
    id       {{id}},
    card_id  {{int}} REFERENCES cards (id),
    at       {{int}} NOT NULL,
    verifier TEXT NOT NULL,
    channel  TEXT NOT NULL,
    result   TEXT NOT NULL
);
CREATE INDEX verifications_card ON verifications (card_id, at);
CREATE TABLE api_keys (
    id         {{id}},
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at {{int}} NOT NULL,
    revoked_at {{int}}
)

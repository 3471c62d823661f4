-- The card: signing keys (public halves, the private seeds live in files or secrets), cards with
-- their status-list slot, the card's audit trail, requests that need a second person (revocation,
-- reissue on a new passport), the verification log, and API keys for other systems (the citizenship
-- registry).
CREATE TABLE signing_keys (
    kid        TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    sign_from  INTEGER,
    sign_until INTEGER,
    created_at INTEGER NOT NULL,
    withdrawn_at INTEGER
);
CREATE TABLE card_serials (
    id         INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL
);
CREATE TABLE cards (
    id             INTEGER PRIMARY KEY,
    number         TEXT UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    holder_id      INTEGER REFERENCES users (id),
    state          TEXT NOT NULL,
    list_id        INTEGER NOT NULL,
    list_idx       INTEGER NOT NULL,
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
    issued_at      INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    kid            TEXT NOT NULL,
    qr_text        TEXT NOT NULL,
    replaces       INTEGER REFERENCES cards (id),
    state_at       INTEGER NOT NULL,
    state_note     TEXT,
    UNIQUE (list_id, list_idx)
);
CREATE INDEX cards_application ON cards (application_id);
CREATE INDEX cards_holder ON cards (holder_id);
CREATE INDEX cards_expiry ON cards (state, expires_at);
CREATE TABLE card_events (
    id         INTEGER PRIMARY KEY,
    card_id    INTEGER NOT NULL REFERENCES cards (id),
    at         INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES users (id),
    actor_role TEXT NOT NULL,
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX card_events_card ON card_events (card_id, at);
CREATE TABLE card_requests (
    id           INTEGER PRIMARY KEY,
    card_id      INTEGER NOT NULL REFERENCES cards (id),
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    requested_by INTEGER REFERENCES users (id),
    requested_at INTEGER NOT NULL,
    decided_by   INTEGER REFERENCES users (id),
    decided_at   INTEGER,
    outcome      TEXT,
    open_key     TEXT UNIQUE
);
CREATE INDEX card_requests_open ON card_requests (kind, decided_at);
CREATE TABLE verifications (
    id       INTEGER PRIMARY KEY,
    card_id  INTEGER REFERENCES cards (id),
    at       INTEGER NOT NULL,
    verifier TEXT NOT NULL,
    channel  TEXT NOT NULL,
    result   TEXT NOT NULL
);
CREATE INDEX verifications_card ON verifications (card_id, at);
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
)

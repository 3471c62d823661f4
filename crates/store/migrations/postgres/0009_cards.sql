-- The card: signing keys (public halves, the private seeds live in files or secrets), cards with
-- their status-list slot, the card's audit trail, requests that need a second person (revocation,
-- reissue on a new passport), the verification log, and API keys for other systems (the citizenship
-- registry).
CREATE TABLE signing_keys (
    kid        TEXT PRIMARY KEY,
    public_key TEXT NOT NULL,
    sign_from  BIGINT,
    sign_until BIGINT,
    created_at BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE TABLE card_serials (
    id         BIGSERIAL PRIMARY KEY,
    created_at BIGINT NOT NULL
);
CREATE TABLE cards (
    id             BIGINT PRIMARY KEY,
    number         TEXT UNIQUE,
    application_id BIGINT NOT NULL REFERENCES applications (id),
    holder_id      BIGINT REFERENCES users (id),
    state          TEXT NOT NULL,
    list_id        BIGINT NOT NULL,
    list_idx       BIGINT NOT NULL,
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
    issued_at      BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    kid            TEXT NOT NULL,
    qr_text        TEXT NOT NULL,
    replaces       BIGINT REFERENCES cards (id),
    state_at       BIGINT NOT NULL,
    state_note     TEXT,
    UNIQUE (list_id, list_idx)
);
CREATE INDEX cards_application ON cards (application_id);
CREATE INDEX cards_holder ON cards (holder_id);
CREATE INDEX cards_expiry ON cards (state, expires_at);
CREATE TABLE card_events (
    id         BIGSERIAL PRIMARY KEY,
    card_id    BIGINT NOT NULL REFERENCES cards (id),
    at         BIGINT NOT NULL,
    actor_id   BIGINT REFERENCES users (id),
    actor_role TEXT NOT NULL,
    action     TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state   TEXT NOT NULL,
    note       TEXT
);
CREATE INDEX card_events_card ON card_events (card_id, at);
CREATE TABLE card_requests (
    id           BIGSERIAL PRIMARY KEY,
    card_id      BIGINT NOT NULL REFERENCES cards (id),
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    requested_by BIGINT REFERENCES users (id),
    requested_at BIGINT NOT NULL,
    decided_by   BIGINT REFERENCES users (id),
    decided_at   BIGINT,
    outcome      TEXT,
    open_key     TEXT UNIQUE
);
CREATE INDEX card_requests_open ON card_requests (kind, decided_at);
CREATE TABLE verifications (
    id       BIGSERIAL PRIMARY KEY,
    card_id  BIGINT REFERENCES cards (id),
    at       BIGINT NOT NULL,
    verifier TEXT NOT NULL,
    channel  TEXT NOT NULL,
    result   TEXT NOT NULL
);
CREATE INDEX verifications_card ON verifications (card_id, at);
CREATE TABLE api_keys (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
)

-- Versioned legal reference data: one row per list version, its items as JSON documents.
CREATE TABLE ref_version (
    id             {{id}},
    kind           TEXT NOT NULL,
    version        TEXT NOT NULL,
-- @postgres
    effective_from DATE NOT NULL,
    effective_to   DATE,
    source         JSONB NOT NULL,
-- @sqlite
    effective_from TEXT NOT NULL,
    effective_to   TEXT,
    source         TEXT NOT NULL,
-- @both
    content_sha256 TEXT NOT NULL,
    file           TEXT NOT NULL,
-- @postgres
    loaded_at      TIMESTAMPTZ NOT NULL,
-- @sqlite
    loaded_at      TEXT NOT NULL,
-- @both
    UNIQUE (kind, version)
);
CREATE TABLE ref_item (
    version_id {{int}} NOT NULL REFERENCES ref_version (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT NOT NULL,
-- @postgres
    body       JSONB NOT NULL,
-- @sqlite
    body       TEXT NOT NULL,
-- @both
    PRIMARY KEY (version_id, key)
);
CREATE INDEX ref_version_kind_from ON ref_version (kind, effective_from);

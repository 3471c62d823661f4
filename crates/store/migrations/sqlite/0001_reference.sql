-- Versioned legal reference data: one row per list version, its items as JSON documents.
CREATE TABLE ref_version (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,
    version        TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    effective_to   TEXT,
    source         TEXT NOT NULL,
    content_sha256 TEXT NOT NULL,
    file           TEXT NOT NULL,
    loaded_at      TEXT NOT NULL,
    UNIQUE (kind, version)
);
CREATE TABLE ref_item (
    version_id INTEGER NOT NULL REFERENCES ref_version (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (version_id, key)
);
CREATE INDEX ref_version_kind_from ON ref_version (kind, effective_from);

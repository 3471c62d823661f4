-- Versioned legal reference data: one row per list version, its items as JSON documents.
CREATE TABLE ref_version (
    id             BIGSERIAL PRIMARY KEY,
    kind           TEXT NOT NULL,
    version        TEXT NOT NULL,
    effective_from DATE NOT NULL,
    effective_to   DATE,
    source         JSONB NOT NULL,
    content_sha256 TEXT NOT NULL,
    file           TEXT NOT NULL,
    loaded_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, version)
);
CREATE TABLE ref_item (
    version_id BIGINT NOT NULL REFERENCES ref_version (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    key        TEXT NOT NULL,
    body       JSONB NOT NULL,
    PRIMARY KEY (version_id, key)
);
CREATE INDEX ref_version_kind_from ON ref_version (kind, effective_from);

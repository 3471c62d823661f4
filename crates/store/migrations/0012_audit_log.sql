-- The audit log: every event is a leaf of an RFC 6962 Merkle tree, appended in the transaction of the
-- change it records (docs/audit-log.md). `log_entries` holds each leaf's exact bytes (`data`, the JSON
-- line an auditor hashes) and its hash; `log_nodes` the hash of every complete subtree, keyed by
-- `level << 56 | index`, so that roots and proofs read O(log² n) rows; `log_head` the size of the tree (the entries
-- sealed into it, in order, by the sealer under this row's lock; appends take no lock);
-- `log_checkpoints` every signed checkpoint. Searchable columns repeat what `data`
-- says, for the auditor's workbench and the applicant's "who looked at my data".
CREATE TABLE log_head (
    id   {{int}} PRIMARY KEY CHECK (id = 1),
    size {{int}} NOT NULL
);
INSERT INTO log_head (id, size) VALUES (1, 0);
-- @postgres
-- Entries take their numbers without a lock; a number whose transaction rolled back becomes a void leaf.
CREATE SEQUENCE log_seq MINVALUE 0 START 0;
-- @both
CREATE TABLE log_entries (
    seq            {{int}} PRIMARY KEY,
    at             {{int}} NOT NULL,
    kind           TEXT NOT NULL,
    application_id {{int}},
    card_id        {{int}},
    actor_id       {{int}},
    actor_role     TEXT NOT NULL,
    office         TEXT,
    action         TEXT NOT NULL,
    subject        TEXT,
    data           TEXT NOT NULL,
    leaf           {{bytes}} NOT NULL
);
CREATE INDEX log_entries_application ON log_entries (application_id, seq) WHERE application_id IS NOT NULL;
CREATE INDEX log_entries_card ON log_entries (card_id, seq) WHERE card_id IS NOT NULL;
CREATE INDEX log_entries_actor ON log_entries (actor_id, seq) WHERE actor_id IS NOT NULL;
CREATE INDEX log_entries_at ON log_entries (at);
CREATE TABLE log_nodes (
    node {{int}} PRIMARY KEY,
    hash {{bytes}} NOT NULL
);
CREATE TABLE log_checkpoints (
    size      {{int}} PRIMARY KEY,
    root      {{bytes}} NOT NULL,
    note      TEXT NOT NULL,
    signed_at {{int}} NOT NULL
);
-- Each event row names its leaf. Rows written before the log have none; the store adopts them into
-- the log, oldest first, when it migrates.
-- @postgres
ALTER TABLE application_events ADD COLUMN log_seq BIGINT;
ALTER TABLE card_events ADD COLUMN log_seq BIGINT;
-- @sqlite
-- An application's history no longer goes with it: the table is rebuilt without the cascade (SQLite
-- cannot alter a foreign key), its rows kept, with the new column last as on PostgreSQL.
CREATE TABLE application_events_kept (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id),
    at             INTEGER NOT NULL,
    actor_id       INTEGER REFERENCES users (id),
    actor_role     TEXT NOT NULL,
    office         TEXT,
    action         TEXT NOT NULL,
    from_status    TEXT NOT NULL,
    to_status      TEXT NOT NULL,
    note           TEXT,
    log_seq        INTEGER
);
INSERT INTO application_events_kept (id, application_id, at, actor_id, actor_role, office, action, from_status,
    to_status, note)
SELECT id, application_id, at, actor_id, actor_role, office, action, from_status, to_status, note
FROM application_events;
DROP TABLE application_events;
ALTER TABLE application_events_kept RENAME TO application_events;
CREATE INDEX application_events_app ON application_events (application_id, at);
ALTER TABLE card_events ADD COLUMN log_seq INTEGER;
-- @both
CREATE UNIQUE INDEX application_events_log ON application_events (log_seq);
CREATE UNIQUE INDEX card_events_log ON card_events (log_seq);
-- @postgres
-- Nothing in the service updates or deletes the log or an event: an application's history no longer
-- goes with it (the cascade is gone, and these triggers refuse the rest). They keep honest code honest;
-- someone with the database's keys can drop them, and `atajoly audit verify` is what catches what they
-- then change.
ALTER TABLE application_events DROP CONSTRAINT application_events_application_id_fkey;
ALTER TABLE application_events ADD CONSTRAINT application_events_application_id_fkey
    FOREIGN KEY (application_id) REFERENCES applications (id);
CREATE FUNCTION atajoly_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER log_entries_append_only BEFORE UPDATE OR DELETE ON log_entries
    FOR EACH ROW EXECUTE FUNCTION atajoly_append_only();
CREATE TRIGGER log_nodes_append_only BEFORE UPDATE OR DELETE ON log_nodes
    FOR EACH ROW EXECUTE FUNCTION atajoly_append_only();
CREATE TRIGGER log_checkpoints_append_only BEFORE UPDATE OR DELETE ON log_checkpoints
    FOR EACH ROW EXECUTE FUNCTION atajoly_append_only();
CREATE TRIGGER log_truncate BEFORE TRUNCATE ON log_entries FOR EACH STATEMENT EXECUTE FUNCTION atajoly_append_only();
CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events
    FOR EACH ROW WHEN (OLD.log_seq IS NOT NULL) EXECUTE FUNCTION atajoly_append_only();
CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events
    FOR EACH ROW EXECUTE FUNCTION atajoly_append_only();
CREATE TRIGGER card_events_no_update BEFORE UPDATE ON card_events
    FOR EACH ROW WHEN (OLD.log_seq IS NOT NULL) EXECUTE FUNCTION atajoly_append_only();
CREATE TRIGGER card_events_no_delete BEFORE DELETE ON card_events
    FOR EACH ROW EXECUTE FUNCTION atajoly_append_only();
-- @sqlite
-- Nothing in the service updates or deletes the log or an event. These triggers keep honest
-- code honest; someone with the database's keys can drop them, and `atajoly audit verify` is what
-- catches what they then change.
CREATE TRIGGER log_entries_no_update BEFORE UPDATE ON log_entries BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER log_entries_no_delete BEFORE DELETE ON log_entries BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER log_nodes_no_update BEFORE UPDATE ON log_nodes BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER log_nodes_no_delete BEFORE DELETE ON log_nodes BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER log_checkpoints_no_update BEFORE UPDATE ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER log_checkpoints_no_delete BEFORE DELETE ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER application_events_no_update BEFORE UPDATE ON application_events WHEN OLD.log_seq IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER application_events_no_delete BEFORE DELETE ON application_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER card_events_no_update BEFORE UPDATE ON card_events WHEN OLD.log_seq IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER card_events_no_delete BEFORE DELETE ON card_events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
-- @both

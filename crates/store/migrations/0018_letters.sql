-- Decision letters (decision 0027): what each letter states, recorded when the decision or the notice
-- of an intended decision is made, in the same transaction as the status change and its audit event.
-- A letter is rebuilt from this record (the facts as JSON: reference list versions, the ground's key,
-- the reasons, the dates), never from the settings or lists of the day it is opened. It stays with the
-- case record, as the history and the card do.
CREATE TABLE letters (
    id             {{id}},
    application_id {{int}} NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,
    at             {{int}} NOT NULL,
    facts          TEXT NOT NULL
);
CREATE INDEX letters_app ON letters (application_id, id);

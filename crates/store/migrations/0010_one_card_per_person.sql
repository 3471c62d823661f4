-- One valid card per person, kept by the database as well as by the grant: a card carries the IIN of
-- its application, and no two valid cards share an IIN, or a passport (issuing state and number).
-- A database that already holds two valid cards of one person stops here: an officer must decide
-- which one stands before the migration can run.
ALTER TABLE cards ADD COLUMN iin TEXT;
UPDATE cards SET iin = (SELECT a.iin FROM applications a WHERE a.id = cards.application_id);
UPDATE cards SET passport_number = upper(trim(passport_number));
CREATE UNIQUE INDEX cards_one_valid_per_iin ON cards (iin) WHERE state = 'valid' AND iin IS NOT NULL;
CREATE UNIQUE INDEX cards_one_valid_per_passport ON cards (citizenship, passport_number) WHERE state = 'valid';
-- The citizenship registry's reports, kept by IIN whether or not a card exists yet: a case whose IIN
-- is reported stops, and a card is never issued for it. A report the registry withdraws (a
-- correction) stays, with when and why it was withdrawn.
CREATE TABLE citizenship_reports (
    id                  {{id}},
    iin                 TEXT NOT NULL,
    reference           TEXT NOT NULL,
    reported_by         TEXT NOT NULL,
    reported_at         {{int}} NOT NULL,
    withdrawn_at        {{int}},
    withdrawn_reference TEXT
);
CREATE UNIQUE INDEX citizenship_reports_standing ON citizenship_reports (iin) WHERE withdrawn_at IS NULL;

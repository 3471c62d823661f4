-- What a request for corrections reopened is kept as it stood when the officer asked (the answers and
-- the files then on the application), so that a resubmission must change every reopened item: an
-- answer step differs, or a document item has a file it did not have. Cases are found by IIN too (the
-- same IIN on two live cases is shown on both).
ALTER TABLE applications ADD COLUMN reopened_snapshot TEXT;
CREATE INDEX applications_iin ON applications (iin);

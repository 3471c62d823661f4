-- While an application waits for the applicant's corrections, the working days its step had left (when
-- the rule pauses the statutory clock).
ALTER TABLE applications ADD COLUMN clock_left {{int}};

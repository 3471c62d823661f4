-- The second factor of staff: a TOTP secret (Base32) and the last step used (a code works once).
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step {{int}};

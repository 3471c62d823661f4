-- Retention of decided cases (docs/retention.md): the documents and answers of a refused or granted
-- case go after their period; the case record, its history and its card stay. content_erased_at says
-- when (the case stays visible, unlike an erased draft's erased_at).
ALTER TABLE applications ADD COLUMN content_erased_at BIGINT;
CREATE INDEX applications_decided_kept ON applications (status, content_erased_at);

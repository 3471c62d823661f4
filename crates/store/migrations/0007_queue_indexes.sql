-- The queue order within an office (soonest deadline first) and its common filters.
CREATE INDEX applications_office_due ON applications (assigned_office, due_on, submitted_at, id);
CREATE INDEX applications_office_category ON applications (assigned_office, category, due_on);
CREATE INDEX applications_office_country ON applications (assigned_office, country, due_on);
CREATE INDEX applications_office_channel ON applications (assigned_office, channel, due_on);

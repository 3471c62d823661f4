-- The working-day calendar as administrators edit it: one row per year (YearData as JSON), taking
-- precedence over the data files embedded in the binary.
CREATE TABLE calendar_years (
    year       {{int}} PRIMARY KEY,
    data       TEXT NOT NULL,
    updated_by {{int}} NOT NULL REFERENCES users (id),
    updated_at {{int}} NOT NULL
);

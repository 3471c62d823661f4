-- The working-day calendar as administrators edit it: one row per year (YearData as JSON), taking
-- precedence over the data files embedded in the binary.
CREATE TABLE calendar_years (
    year       BIGINT PRIMARY KEY,
    data       TEXT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES users (id),
    updated_at BIGINT NOT NULL
);

-- Rate limits (decision 0023): one row per key and fixed window, counted by one atomic statement per
-- attempt (INSERT .. ON CONFLICT .. DO UPDATE .. RETURNING), so that parallel guesses, on one instance or
-- several, each see their own count. The retention sweep deletes windows that have ended. The old table
-- (failures recorded after they were checked, in two steps) goes.
DROP TABLE auth_failures;
CREATE TABLE rate_limits (
    key          TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    count        BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);

-- Per-connection token buckets shared by every server on the database (keep in step with
-- ../sqlite/0002_rate_limits.sql). One row per bucket, updated by one upsert per request
-- (src/sql/rate_limits.rs): tokens left, when they were counted (UTC milliseconds), and
-- whether the last request got one. No foreign key: a bucket is named by its caller, and
-- deleting a connection deletes its bucket explicitly.
CREATE TABLE rate_limits (
    bucket      TEXT PRIMARY KEY,
    tokens      DOUBLE PRECISION NOT NULL,
    updated_ms  BIGINT NOT NULL,
    granted     BIGINT NOT NULL
);

-- A tenant administrator lists every connection of an environment.
CREATE INDEX connections_environment ON connections (environment_id, created_at);

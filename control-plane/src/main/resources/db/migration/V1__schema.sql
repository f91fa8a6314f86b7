-- Sluice control-plane schema. PostgreSQL is the single source of truth: every fact the
-- control plane knows lives here, so any number of control-plane replicas can serve at once.

-- ---------------------------------------------------------------------------------------
-- Catalog
-- ---------------------------------------------------------------------------------------

CREATE TABLE storage_volumes (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT        NOT NULL UNIQUE,
    type        TEXT        NOT NULL,              -- S3 or LOCAL
    locations   TEXT[]      NOT NULL,              -- e.g. {s3://bucket/prefix}
    comment     TEXT        NOT NULL DEFAULT '',
    properties  JSONB       NOT NULL DEFAULT '{}', -- aws.s3.endpoint, credentials, ...
    is_default  BOOLEAN     NOT NULL DEFAULT FALSE,
    enabled     BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- At most one default volume.
CREATE UNIQUE INDEX storage_volumes_one_default ON storage_volumes (is_default) WHERE is_default;

CREATE TABLE databases (
    id         BIGSERIAL PRIMARY KEY,
    name       TEXT        NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE tables (
    id                BIGSERIAL PRIMARY KEY,
    database_id       BIGINT      NOT NULL REFERENCES databases (id),
    name              TEXT        NOT NULL,
    key_model         TEXT        NOT NULL,          -- DUPLICATE, PRIMARY, UNIQUE, AGGREGATE
    key_columns       TEXT[]      NOT NULL,
    partition_by      TEXT[]      NOT NULL,          -- column names; empty when unpartitioned
    distributed_by    TEXT[]      NOT NULL,          -- hash columns; empty for RANDOM
    buckets           INT         NOT NULL,
    comment           TEXT        NOT NULL DEFAULT '',
    properties        JSONB       NOT NULL DEFAULT '{}',
    storage_volume_id BIGINT      NOT NULL REFERENCES storage_volumes (id),
    create_sql        TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    dropped_at        TIMESTAMPTZ
);
-- A dropped table's name can be reused; its files stay until garbage collected.
CREATE UNIQUE INDEX tables_live_name ON tables (database_id, name) WHERE dropped_at IS NULL;

CREATE TABLE table_columns (
    table_id      BIGINT  NOT NULL REFERENCES tables (id),
    ordinal       INT     NOT NULL,
    name          TEXT    NOT NULL,
    type          TEXT    NOT NULL,                  -- normalized StarRocks type, e.g. VARCHAR(26)
    nullable      BOOLEAN NOT NULL,
    is_key        BOOLEAN NOT NULL,
    aggregation   TEXT,                              -- SUM, MAX, ... for AGGREGATE KEY tables
    default_value TEXT,
    comment       TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (table_id, ordinal),
    UNIQUE (table_id, name)
);

-- ---------------------------------------------------------------------------------------
-- Routine load jobs
-- ---------------------------------------------------------------------------------------

CREATE TABLE routine_load_jobs (
    id                      BIGSERIAL PRIMARY KEY,
    database_id             BIGINT      NOT NULL REFERENCES databases (id),
    name                    TEXT        NOT NULL,
    table_id                BIGINT      NOT NULL REFERENCES tables (id),
    state                   TEXT        NOT NULL,    -- NEED_SCHEDULE, RUNNING, PAUSED, STOPPED, CANCELLED
    -- Bumped by every change that invalidates running tasks (pause, alter, resume, stop):
    -- tasks of an older generation can no longer lease or commit.
    generation              INT         NOT NULL DEFAULT 0,
    load_spec               JSONB       NOT NULL,    -- COLUMNS, WHERE, separators, target partitions
    job_properties          JSONB       NOT NULL,    -- PROPERTIES (...) with defaults filled in
    data_source             JSONB       NOT NULL,    -- FROM KAFKA: brokers, topic, partitions, property.*
    create_sql              TEXT        NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    paused_at               TIMESTAMPTZ,
    ended_at                TIMESTAMPTZ,
    reason_of_state_changed TEXT        NOT NULL DEFAULT '',
    other_msg               TEXT        NOT NULL DEFAULT '',
    error_log_urls          TEXT        NOT NULL DEFAULT '',
    -- Statistic: totals since the job was created.
    received_bytes          BIGINT      NOT NULL DEFAULT 0,
    total_rows              BIGINT      NOT NULL DEFAULT 0,
    loaded_rows             BIGINT      NOT NULL DEFAULT 0,
    error_rows              BIGINT      NOT NULL DEFAULT 0,
    unselected_rows         BIGINT      NOT NULL DEFAULT 0,
    committed_task_num      BIGINT      NOT NULL DEFAULT 0,
    aborted_task_num        BIGINT      NOT NULL DEFAULT 0,
    task_execute_time_ms    BIGINT      NOT NULL DEFAULT 0,
    -- The error-row window: rows and error rows seen since the window opened.
    -- The window holds 10 x max_batch_rows rows.
    window_rows             BIGINT      NOT NULL DEFAULT 0,
    window_error_rows       BIGINT      NOT NULL DEFAULT 0
);
-- Job names are unique per database among jobs that are not finished.
CREATE UNIQUE INDEX routine_load_jobs_live_name ON routine_load_jobs (database_id, name)
    WHERE state NOT IN ('STOPPED', 'CANCELLED');

-- Per-partition progress: the next offset to consume (offsets may have gaps, so never
-- "last offset + 1" arithmetic elsewhere), and what Kafka last said about the partition.
CREATE TABLE job_partitions (
    job_id              BIGINT NOT NULL REFERENCES routine_load_jobs (id),
    kafka_partition     INT    NOT NULL,
    next_offset         BIGINT NOT NULL,
    -- True until the first commit moves the offset: shown as OFFSET_ZERO-style progress.
    never_committed     BOOLEAN NOT NULL DEFAULT TRUE,
    last_timestamp_ms   BIGINT NOT NULL DEFAULT 0,
    latest_offset       BIGINT NOT NULL DEFAULT 0,   -- Kafka end offset, for LatestSourcePosition
    PRIMARY KEY (job_id, kafka_partition)
);

-- Tasks: a job's concurrent units of work. A task owns a fixed set of partitions for its
-- generation and runs round after round; each round is one lease and one load transaction.
CREATE TABLE tasks (
    id                 UUID        PRIMARY KEY,
    job_id             BIGINT      NOT NULL REFERENCES routine_load_jobs (id),
    generation         INT         NOT NULL,
    partitions         INT[]       NOT NULL,
    runnable_at        TIMESTAMPTZ NOT NULL,
    lease_epoch        BIGINT      NOT NULL DEFAULT 0,
    lease_owner        TEXT,
    lease_expires_at   TIMESTAMPTZ,
    attempt_id         UUID,
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_scheduled_at  TIMESTAMPTZ,
    execute_started_at TIMESTAMPTZ,
    last_txn_id        BIGINT,
    last_txn_status    TEXT        NOT NULL DEFAULT 'UNKNOWN',
    message            TEXT        NOT NULL DEFAULT ''
);
CREATE INDEX tasks_by_job ON tasks (job_id);
CREATE INDEX tasks_runnable ON tasks (runnable_at) WHERE lease_owner IS NULL;

-- Load transactions: one per committed task round. attempt_id makes a retried commit
-- idempotent: the second call finds this row and returns the same answer.
CREATE TABLE load_transactions (
    id              BIGSERIAL   PRIMARY KEY,          -- TxnId
    attempt_id      UUID        NOT NULL UNIQUE,
    job_id          BIGINT      NOT NULL REFERENCES routine_load_jobs (id),
    task_id         UUID        NOT NULL,
    lease_epoch     BIGINT      NOT NULL,
    progress        JSONB       NOT NULL,             -- [{partition, start, end}]
    received_bytes  BIGINT      NOT NULL,
    total_rows      BIGINT      NOT NULL,
    loaded_rows     BIGINT      NOT NULL,
    error_rows      BIGINT      NOT NULL,
    unselected_rows BIGINT      NOT NULL,
    committed_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX load_transactions_by_job ON load_transactions (job_id);

-- The manifest: exactly the files that make up each table. A file is visible to queries
-- if and only if it is here.
CREATE TABLE manifest_files (
    id              BIGSERIAL PRIMARY KEY,
    table_id        BIGINT      NOT NULL REFERENCES tables (id),
    txn_id          BIGINT      NOT NULL REFERENCES load_transactions (id),
    partition_value TEXT        NOT NULL,
    bucket          INT         NOT NULL,
    object_key      TEXT        NOT NULL UNIQUE,
    row_count       BIGINT      NOT NULL,
    size_bytes      BIGINT      NOT NULL,
    column_stats    JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX manifest_files_by_table ON manifest_files (table_id);

-- Workers seen recently, for the task concurrency formula (alive workers).
CREATE TABLE workers (
    id         TEXT        PRIMARY KEY,
    last_seen  TIMESTAMPTZ NOT NULL
);

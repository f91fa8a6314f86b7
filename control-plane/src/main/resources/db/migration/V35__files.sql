-- CREATE FILE: certificates and keys that Kafka properties name as "FILE:<name>". The content is
-- delivered to workers inside the lease, so no worker needs the files on its disk.
CREATE TABLE files (
    id          BIGSERIAL   PRIMARY KEY,
    database_id BIGINT      NOT NULL REFERENCES databases (id) ON DELETE CASCADE,
    name        TEXT        NOT NULL,
    catalog     TEXT        NOT NULL,
    content     TEXT        NOT NULL,              -- encrypted when sluice.secrets.key is set
    size_bytes  BIGINT      NOT NULL,
    md5         TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (database_id, name)
);

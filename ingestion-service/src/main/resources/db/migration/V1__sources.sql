-- A source is one producer of events (a website, an app, a back end); each has write keys.
CREATE TABLE source (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL
);

-- Write keys are stored as SHA-256 hashes of high-entropy random keys: the plain key is shown once, at creation.
CREATE TABLE write_key (
    id          uuid        PRIMARY KEY,
    source_id   uuid        NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    key_hash    text        NOT NULL UNIQUE,
    key_prefix  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE INDEX write_key_source_idx ON write_key (source_id);

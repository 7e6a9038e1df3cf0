-- A webhook endpoint lets a survey or help-desk tool post to a source without a write key: each request is
-- authenticated by the HMAC signature the tool computes with the shared secret. The secret must be kept in clear to
-- verify signatures; it is shown once, when the endpoint is created, and never returned afterwards.
CREATE TABLE webhook_endpoint (
    id           uuid        PRIMARY KEY,
    source_id    uuid        NOT NULL REFERENCES source (id) ON DELETE CASCADE,
    kind         text        NOT NULL CHECK (kind IN ('typeform', 'zendesk')),
    secret       text        NOT NULL CHECK (length(secret) >= 16),
    settings     jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL,
    disabled_at  timestamptz
);

CREATE INDEX webhook_endpoint_source_idx ON webhook_endpoint (source_id);

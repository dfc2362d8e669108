-- Switchboard registry schema, PostgreSQL flavour. Keep in step with ../sqlite/0001_initial.sql:
-- the queries in src/sql/ are shared by both backends.
-- Ids are UUID v4 text; timestamps are UTC seconds.

CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('tenant-admin', 'maker')),
    created_at  BIGINT NOT NULL,
    UNIQUE (tenant_id, name)
);

-- Only the SHA-256 of a token is kept: a leaked database does not leak credentials.
CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash  BYTEA NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE groups (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE group_members (
    group_id    TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members (user_id, group_id);

CREATE TABLE environments (
    id          TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    region      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (tenant_id, name)
);

CREATE TABLE environment_members (
    environment_id  TEXT NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (environment_id, user_id)
);
CREATE INDEX environment_members_user ON environment_members (user_id, environment_id);

-- owner_id has no ON DELETE action: deleting a user who still owns connectors fails, while
-- deleting the whole tenant works because it removes the connectors too. PostgreSQL checks a
-- NO ACTION key at the end of each cascaded statement, before the environments' cascade has
-- reached the connectors, so the check is deferred to the end of the transaction.
CREATE TABLE connectors (
    id                   TEXT COLLATE "C" PRIMARY KEY,
    environment_id       TEXT NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    owner_id             TEXT NOT NULL REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED,
    name                 TEXT NOT NULL,
    title                TEXT COLLATE "C" NOT NULL,
    current_version      BIGINT NOT NULL CHECK (current_version >= 1),
    certification_state  TEXT NOT NULL DEFAULT 'none' CHECK (certification_state IN
                             ('none', 'submitted', 'in-review', 'preview', 'generally-available')),
    created_at           BIGINT NOT NULL,
    updated_at           BIGINT NOT NULL,
    UNIQUE (environment_id, name)
);
-- The catalog is listed per environment in (title, id) order with keyset pagination; titles
-- compare bytewise (COLLATE "C" in PostgreSQL) so both backends page in the same order.
CREATE INDEX connectors_catalog ON connectors (environment_id, title, id);
CREATE INDEX connectors_owner ON connectors (owner_id);

-- Immutable: the trigger below refuses updates. created_by is deliberately not a foreign key,
-- so the history survives the author's deletion.
CREATE TABLE connector_versions (
    connector_id  TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    version       BIGINT NOT NULL CHECK (version >= 1),
    archive       BYTEA NOT NULL,
    sha256        TEXT NOT NULL,
    warnings      TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (connector_id, version)
);
CREATE FUNCTION connector_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'connector versions are immutable';
END;
$$;
CREATE TRIGGER connector_versions_immutable BEFORE UPDATE ON connector_versions
    FOR EACH ROW EXECUTE FUNCTION connector_versions_immutable();

-- Exactly one of user_id / group_id is set; both are real foreign keys so shares disappear with
-- their principal.
CREATE TABLE connector_shares (
    connector_id  TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    user_id       TEXT REFERENCES users(id) ON DELETE CASCADE,
    group_id      TEXT REFERENCES groups(id) ON DELETE CASCADE,
    permission    TEXT NOT NULL CHECK (permission IN ('use', 'edit')),
    created_at    BIGINT NOT NULL,
    CHECK ((user_id IS NULL) <> (group_id IS NULL)),
    UNIQUE (connector_id, user_id),
    UNIQUE (connector_id, group_id)
);
CREATE INDEX connector_shares_user ON connector_shares (user_id, connector_id);
CREATE INDEX connector_shares_group ON connector_shares (group_id, connector_id);

-- parameters and oauth_tokens are ciphertext (see src/crypto.rs), never plaintext.
CREATE TABLE connections (
    id              TEXT PRIMARY KEY,
    environment_id  TEXT NOT NULL REFERENCES environments(id) ON DELETE CASCADE,
    connector_id    TEXT NOT NULL REFERENCES connectors(id) ON DELETE CASCADE,
    owner_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    display_name    TEXT NOT NULL,
    parameters      BYTEA NOT NULL,
    oauth_tokens    BYTEA,
    status          TEXT NOT NULL CHECK (status IN ('connected', 'pending-oauth', 'error')),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX connections_owner ON connections (owner_id, environment_id);
CREATE INDEX connections_connector ON connections (connector_id);

-- The state value is a bearer secret for the redirect, so only its hash is kept, like tokens.
CREATE TABLE oauth_states (
    state_hash     BYTEA PRIMARY KEY,
    connection_id  TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    user_id        TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    pkce_verifier  BYTEA NOT NULL,
    redirect_uri   TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL
);
CREATE INDEX oauth_states_expiry ON oauth_states (expires_at);
CREATE INDEX oauth_states_connection ON oauth_states (connection_id);

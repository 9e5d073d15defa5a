-- Passkeys and security keys (WebAuthn), in the two tables that Spring Security's JDBC stores
-- (JdbcPublicKeyCredentialUserEntityRepository, JdbcUserCredentialRepository) read and write, with
-- the column names they use. Binary columns are bytea, which H2 reads as binary varying.
-- A WebAuthn "user entity" per account: its random handle (base64url) and the customer ID.
create table user_entities (
    id            varchar(1000) not null primary key,
    name          varchar(32)   not null references accounts (nic),
    display_name  varchar(200)
);

create unique index user_entities_name_idx on user_entities (name);

-- One row per registered authenticator: its public key (COSE), counters and flags; label is the
-- name its owner gave it.
create table user_credentials (
    credential_id                 varchar(1000) not null primary key,
    user_entity_user_id           varchar(1000) not null references user_entities (id),
    public_key                    bytea         not null,
    signature_count               bigint,
    uv_initialized                boolean,
    backup_eligible               boolean       not null,
    authenticator_transports      varchar(1000),
    public_key_credential_type    varchar(100),
    backup_state                  boolean       not null,
    attestation_object            bytea,
    attestation_client_data_json  bytea,
    created                       timestamp with time zone,
    last_used                     timestamp with time zone,
    label                         varchar(1000) not null
);

create index user_credentials_user_idx on user_credentials (user_entity_user_id);

-- Delegated access (issue 27): policies in the shape of the reference IAM v2 policy API. A policy
-- belongs to the administrator who made it; its grantees (identities) and the services it reaches
-- (resources) are rows of their own, each able to end on its own: a grantee renounces or is
-- suspended, the owner stops administering a service. Ended rows stay for the history.
create table access_policies (
    id              varchar(36)   not null primary key,
    owner_nic       varchar(32)   not null references accounts (nic),
    name            varchar(100)  not null,
    description     varchar(500),
    allow_actions   varchar(4000) not null,
    except_actions  varchar(4000) not null,
    deny_actions    varchar(4000) not null,
    expires_at      timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    ended_at        timestamp with time zone,
    end_reason      varchar(16),
    constraint access_policies_end_chk check (
        (ended_at is null and end_reason is null)
        or (ended_at is not null and end_reason in ('expired', 'revoked', 'adminChanged')))
);

-- an owner's policies (the API's list); the expiry job's due policies
create index access_policies_owner_idx on access_policies (owner_nic, ended_at, created_at);
create index access_policies_due_idx on access_policies (ended_at, expires_at);

-- name '*' reaches every service of the type that the owner administers at the time of asking
create table access_policy_resources (
    policy_id  varchar(36)  not null references access_policies (id) on delete cascade,
    type       varchar(16)  not null,
    name       varchar(255) not null,
    ended_at   timestamp with time zone,
    primary key (policy_id, type, name)
);

-- the policies reaching one service (its Access view, an admin hand-over)
create index access_resources_service_idx on access_policy_resources (type, name, policy_id);

create table access_policy_identities (
    policy_id    varchar(36) not null references access_policies (id) on delete cascade,
    grantee_nic  varchar(32) not null references accounts (nic),
    ended_at     timestamp with time zone,
    end_reason   varchar(16),
    primary key (policy_id, grantee_nic),
    constraint access_identities_end_chk check (
        (ended_at is null and end_reason is null)
        or (ended_at is not null and end_reason in ('renounced', 'suspended')))
);

-- a decision reads the asking account's grants through this index (one statement per decision)
create index access_identities_grantee_idx on access_policy_identities (grantee_nic, ended_at, policy_id);

-- Panel sessions signed in through the provider's identity provider (OpenID Connect), so that the
-- provider's back-channel logout, which names its own session (sid) or the person (sub), ends them
-- on every instance. The Spring Session row is found by the customer ID and the sid it carries.
create table provider_sessions (
    session_id  varchar(100) not null primary key,
    issuer      varchar(500) not null,
    subject     varchar(300) not null,
    sid         varchar(300),
    nic         varchar(32)  not null,
    created_at  timestamp with time zone not null
);

create index provider_sessions_sid_idx on provider_sessions (issuer, sid);
create index provider_sessions_subject_idx on provider_sessions (issuer, subject);
create index provider_sessions_created_idx on provider_sessions (created_at);

-- Which account a person of the identity provider signs in to when the ID token carries no customer
-- ID: written when an account is opened on a first sign-in, or when the claim named the account.
create table provider_links (
    issuer      varchar(500) not null,
    subject     varchar(300) not null,
    nic         varchar(32)  not null,
    linked_at   timestamp with time zone not null,
    constraint provider_links_pk primary key (issuer, subject)
);

-- Customer accounts. The customer ID (nic) is the stable key other tables reference.
create table accounts (
    nic            varchar(32)  not null primary key,
    email          varchar(320) not null,
    email_verified boolean      not null default false,
    first_name     varchar(100) not null,
    last_name      varchar(100) not null,
    organisation   varchar(200),
    language       varchar(2)   not null default 'en',
    password_hash  varchar(255),
    state          varchar(16)  not null default 'active',
    debt_cents     bigint       not null default 0,
    debt_currency  varchar(3)   not null default 'EUR',
    created_at     timestamp with time zone not null,
    constraint accounts_state_chk check (state in ('active', 'suspended')),
    constraint accounts_language_chk check (language in ('en', 'it', 'fr')),
    constraint accounts_debt_chk check (debt_cents >= 0)
);

create unique index accounts_email_uq on accounts (email);

-- An address given at sign-up is confirmed by a link before the account can be named as a contact.
-- One live link per account, its code stored as a digest only; confirming deletes the row.
create table email_confirmations (
    nic              varchar(32)  not null primary key references accounts (nic),
    code_digest      varchar(64)  not null,
    expires_at       timestamp with time zone not null,
    failed_attempts  integer      not null default 0
);

-- Accounts opened before this rule had no way to confirm; they keep being usable as contacts.
update accounts set email_verified = true where email_verified = false;

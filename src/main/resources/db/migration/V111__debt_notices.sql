-- When an account was last told that its overdue payments blocked a contact change someone else
-- asked for: at most one such email a day.
create table debt_notices (
    nic      varchar(32) primary key references accounts (nic),
    sent_at  timestamp with time zone not null
);

-- Failed sign-ins per account (and per login typed that names no account), shared by every
-- instance on the database, so that the hold-back after repeated failures holds whichever instance
-- a guesser reaches. The count and the time of the latest failure decide the delay; a complete
-- sign-in deletes the row; rows whose latest failure is a day old count as nothing and are purged.
create table sign_in_failures (
    failure_key   varchar(300) not null primary key,
    failures      integer      not null,
    last_failure  timestamp with time zone not null,
    constraint sign_in_failures_positive_chk check (failures > 0)
);

create index sign_in_failures_last_idx on sign_in_failures (last_failure);

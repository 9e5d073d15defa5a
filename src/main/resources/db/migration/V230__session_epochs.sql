-- One counter per signed-in principal, moved by every end of a session and every change of a
-- session's contents (security/SessionEpochRepository). Each instance keeps its signed-in sessions in memory
-- and reads this counter, by primary key, on every request: a moved counter makes it reload the
-- session from spring_session, where an ended one is gone.
create table session_epochs (
    principal  varchar(100) not null,
    epoch      bigint       not null,
    constraint session_epochs_pk primary key (principal)
);

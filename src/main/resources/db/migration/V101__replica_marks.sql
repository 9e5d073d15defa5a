-- Read replicas (handover.datasource.replica.*): each customer's count of changes made from the
-- panel. Bumped on the primary after each change and replicated like every row, it tells whether a
-- replica has replayed a customer's latest change yet; until it has, their lists read the primary.
create table replica_marks (
    nic   varchar(32) not null primary key,
    mark  bigint      not null
);

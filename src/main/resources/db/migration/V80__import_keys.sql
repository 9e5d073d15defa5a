-- The keys a running import has already read (customer IDs, emails, service names) with the line
-- that first named them, so a file of any size is checked for duplicates without holding it in
-- memory. A key is the import's id, a kind letter and the value, in one column so that a lookup of
-- a whole batch is one index search per value on H2 as on PostgreSQL. Rows live only inside the
-- import's transaction: a dry run rolls them back, a real import deletes its own before committing.
create table import_keys (
    item_key varchar(450) not null primary key,
    line     integer      not null
);

-- Staff are known by the provider's stable identity, "staff:" + issuer + "#" + sub (issue 28), not
-- by a user name they can change: every staff rule compares the identity, and the audit log and the
-- cases keep the name the person went by beside it, for people to read. An identity is longer than
-- the former names (an issuer URL and a sub of up to 255 characters). Widening a varchar rewrites
-- neither the table nor its indexes on PostgreSQL.
alter table audit_log alter column actor set data type varchar(600);
alter table audit_log add column actor_name varchar(100);

alter table reassignment_cases alter column opened_by set data type varchar(600);
alter table reassignment_cases alter column approved_by set data type varchar(600);
alter table reassignment_cases add column opened_by_name varchar(100);
alter table reassignment_cases add column approved_by_name varchar(100);

-- cases opened before knew their staff by name only: that name is all there is to show
update reassignment_cases set opened_by_name = substring(opened_by from 7)
    where opened_by like 'staff:%' and length(opened_by) <= 106;
update reassignment_cases set approved_by_name = substring(approved_by from 7)
    where approved_by like 'staff:%' and length(approved_by) <= 106;

-- The digest of the code a resend replaced, so that someone typing the older email's code is told
-- that a newer one was sent (instead of "not valid"); cleared when the set ends.
alter table set_parties add column replaced_digest varchar(64);

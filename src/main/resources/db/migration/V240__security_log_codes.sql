-- The security log's lines get typed columns, so the words a reader sees are chosen from codes and
-- never parsed back from stored text: who did it (actor: customer, staff, operator, provider,
-- system), why or how (reason) and the number it refers to (ref_number: a change set, an API key, a
-- count of recovery codes left). by_whom stays the technical identity (a staff member's name, the
-- operator API's caller), detail a name the customer typed. Existing lines are filled from the
-- closed vocabulary Handover wrote before; a lock-down's reason was stored in by_whom without who
-- acted, so for an old suspension or "sign out everywhere" the actor stays unknown (null).
alter table security_log add column actor varchar(20);
alter table security_log add column reason varchar(30);
alter table security_log add column ref_number bigint;

update security_log set actor = 'customer'
 where by_whom is null or by_whom in ('passwordChanged', 'passwordReset', 'factorRemoved');
update security_log set actor = 'provider' where by_whom = 'provider';
update security_log set actor = 'staff' where by_whom like 'staff:%';
update security_log set actor = 'operator'
 where actor is null and by_whom not in ('suspended', 'sessionsRevoked');

update security_log set reason = 'afterPasswordChange' where by_whom = 'passwordChanged';
update security_log set reason = 'afterPasswordReset' where by_whom = 'passwordReset';
update security_log set reason = 'afterFactorRemoved' where by_whom = 'factorRemoved';
update security_log set reason = 'suspended' where by_whom = 'suspended';
update security_log set reason = 'everywhere' where by_whom = 'sessionsRevoked';
update security_log set reason = 'currentPassword'
 where event = 'passwordChanged' and detail = 'passwordChanged';
update security_log set reason = 'resetLink'
 where event = 'passwordChanged' and detail = 'passwordReset';
update security_log set reason = 'suspended' where event = 'signInRefused' and detail = 'suspended';
update security_log set reason = 'createToken' where detail = '/createToken';

-- the numbered details ("key 3", "7 left", "party.accepted set 12"): only digits are cast
update security_log set reason = 'apiKey', ref_number = cast(substring(detail, 5) as bigint)
 where event in ('keyCreated', 'keyEnded') and detail like 'key _%'
   and char_length(detail) <= 22 and translate(substring(detail, 5), '0123456789', '0000000000')
       = repeat('0', char_length(substring(detail, 5)));
update security_log
   set reason = 'codesLeft', ref_number = cast(substring(detail, 1, char_length(detail) - 5) as bigint)
 where event = 'recoveryCodeUsed' and detail like '_% left' and char_length(detail) <= 23
   and translate(substring(detail, 1, char_length(detail) - 5), '0123456789', '0000000000')
       = repeat('0', char_length(substring(detail, 1, char_length(detail) - 5)));
update security_log set reason = 'changeRequested', ref_number = cast(substring(detail, 22) as bigint)
 where event = 'handOver' and detail like 'change.requested set _%' and char_length(detail) <= 39
   and translate(substring(detail, 22), '0123456789', '0000000000')
       = repeat('0', char_length(substring(detail, 22)));
update security_log set reason = 'changeAccepted', ref_number = cast(substring(detail, 20) as bigint)
 where event = 'handOver' and detail like 'party.accepted set _%' and char_length(detail) <= 37
   and translate(substring(detail, 20), '0123456789', '0000000000')
       = repeat('0', char_length(substring(detail, 20)));
update security_log set reason = 'changeRefused', ref_number = cast(substring(detail, 19) as bigint)
 where event = 'handOver' and detail like 'party.refused set _%' and char_length(detail) <= 36
   and translate(substring(detail, 19), '0123456789', '0000000000')
       = repeat('0', char_length(substring(detail, 19)));
update security_log set reason = 'changeAborted', ref_number = cast(substring(detail, 20) as bigint)
 where event = 'handOver' and detail like 'change.aborted set _%' and char_length(detail) <= 37
   and translate(substring(detail, 20), '0123456789', '0000000000')
       = repeat('0', char_length(substring(detail, 20)));

-- The database as the last line behind the rules the code enforces at every way in (panel, both
-- APIs, import): allowed values, canonical forms and one-line text, so that a row written by
-- another path (a script, a manual fix, a future bug) cannot break them. Lengths are already the
-- column sizes. Line breaks in one-line names were accepted before the text rules of V21's
-- release: they become spaces first, so that the constraints can be added to existing data.
-- U&'\000A' and U&'\000D' are line feed and carriage return on H2 and PostgreSQL alike; NUL
-- cannot be stored in PostgreSQL at all, and the code refuses it before H2.

update accounts set first_name = replace(replace(first_name, U&'\000D', ' '), U&'\000A', ' '),
                    last_name = replace(replace(last_name, U&'\000D', ' '), U&'\000A', ' '),
                    organisation = replace(replace(organisation, U&'\000D', ' '), U&'\000A', ' ')
 where position(U&'\000A' in first_name || last_name || coalesce(organisation, '')) > 0
    or position(U&'\000D' in first_name || last_name || coalesce(organisation, '')) > 0;

update services set display_name = replace(replace(display_name, U&'\000D', ' '), U&'\000A', ' ')
 where position(U&'\000A' in display_name) > 0 or position(U&'\000D' in display_name) > 0;

update domain_owners set name = replace(replace(name, U&'\000D', ' '), U&'\000A', ' '),
                         organisation = replace(replace(organisation, U&'\000D', ' '), U&'\000A', ' ')
 where position(U&'\000A' in name || coalesce(organisation, '')) > 0
    or position(U&'\000D' in name || coalesce(organisation, '')) > 0;

-- customer IDs: stored lower case, letters and digits, a dash, a suffix (Nic)
alter table accounts add constraint accounts_nic_chk
    check (nic = lower(nic) and nic like '__%-_%' and position(' ' in nic) = 0);
-- one address: something before and after an @, no space or line break (TextRules.isEmail)
alter table accounts add constraint accounts_email_chk
    check (email like '_%@_%' and position(' ' in email) = 0
           and position(U&'\000A' in email) = 0 and position(U&'\000D' in email) = 0);
-- names: not blank (Accounts), one line (TextRules.isSingleLine)
alter table accounts add constraint accounts_names_chk
    check (trim(first_name) <> '' and trim(last_name) <> ''
           and position(U&'\000A' in first_name || last_name || coalesce(organisation, '')) = 0
           and position(U&'\000D' in first_name || last_name || coalesce(organisation, '')) = 0);
-- ISO 4217 style: three upper-case letters
alter table accounts add constraint accounts_currency_chk
    check (char_length(debt_currency) = 3 and debt_currency = upper(debt_currency));

-- service types (ServiceType) and canonical names (ServiceNames: lower case, no final dot)
alter table services add constraint services_type_chk
    check (type in ('domain', 'hosting', 'vps', 'dedicated', 'email', 'zone', 'database', 'cloud'));
alter table services add constraint services_name_chk
    check (char_length(name) > 0 and name = lower(name) and name not like '%.'
           and position(' ' in name) = 0);
alter table services add constraint services_display_name_chk
    check (position(U&'\000A' in display_name) = 0
           and position(U&'\000D' in display_name) = 0);

-- a domain's owner: a one-line, non-blank name and organisation, one email address
alter table domain_owners add constraint domain_owners_text_chk
    check (trim(name) <> '' and email like '_%@_%' and position(' ' in email) = 0
           and position(U&'\000A' in name || coalesce(organisation, '') || email) = 0
           and position(U&'\000D' in name || coalesce(organisation, '') || email) = 0);

-- the languages emails are written in (Language)
alter table mail_outbox add constraint mail_outbox_language_chk
    check (language in ('en', 'it', 'fr'));

-- webhook targets are URLs (WebhookTargets decides which)
alter table webhooks add constraint webhooks_url_chk
    check (url like 'http://%' or url like 'https://%');

-- German and Spanish join the languages accounts and emails are written in (Language).
alter table accounts drop constraint accounts_language_chk;
alter table accounts add constraint accounts_language_chk
    check (language in ('en', 'it', 'fr', 'de', 'es'));

alter table mail_outbox drop constraint mail_outbox_language_chk;
alter table mail_outbox add constraint mail_outbox_language_chk
    check (language in ('en', 'it', 'fr', 'de', 'es'));

-- The per-recipient limit counts the recent emails written to one address (RecipientLimits).
create index mail_outbox_recipient_idx on mail_outbox (recipient_email, created_at);

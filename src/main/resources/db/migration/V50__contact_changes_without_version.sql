-- contact_changes.version was incremented on every write and never read: each request is changed
-- only under its row lock (select ... for update), so an optimistic version check has nothing to
-- catch. Dropped rather than kept as a misleading hint.
alter table contact_changes drop column version;

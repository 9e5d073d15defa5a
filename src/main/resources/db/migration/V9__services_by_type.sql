-- "My services" sorted by category: one (contact, type, name) index per role, so that the category
-- sort reads short ordered ranges as the name sort does, instead of sorting a whole account.
create index services_admin_type_idx on services (admin_nic, type, name, id);
create index services_tech_type_idx on services (tech_nic, type, name, id);
create index services_billing_type_idx on services (billing_nic, type, name, id);

-- POST /auth/credential's allowedIPs: the networks (CIDR, comma-separated) a consumer key may be
-- used from; null means from anywhere.
alter table api_credentials add column allowed_ips varchar(2000);

-- The sample's tenants, as deploy/cluster inserts them: the configured tenants of application.yml,
-- as rows of dispatch_tenants. Change them live, for example:
--   update dispatch_tenants set properties = 'shop.title=Initech, renamed' where tenant_key = 'initech';
--   insert into dispatch_tenants (tenant_group, tenant_key, properties) values ('path', 'hooli', 'shop.title=Hooli');
insert into dispatch_tenants (tenant_group, tenant_key, properties) values
  ('subdomain', 'acme', 'shop.title=ACME Corp'),
  ('subdomain', 'globex', null),
  ('path', 'initech', 'shop.title=Initech'),
  ('path', 'acme', null);

-- The table of tenants of dispatch.{path,subdomain}.directory=jdbc, with a trigger that
-- bumps the version of every changed row, so that a plain update is enough, and notifies
-- the channel dispatch_tenants with the group and key. Statements end with ^;
create table if not exists dispatch_tenants (
  tenant_group varchar(16)   not null,
  tenant_key   varchar(63)   not null,
  properties   text,
  profiles     varchar(1000),
  sources      varchar(1000),
  enabled      boolean       not null default true,
  version      bigint        not null default 0,
  primary key (tenant_group, tenant_key)
)^;

create or replace function dispatch_tenants_changed() returns trigger as $$
begin
  if tg_op = 'UPDATE' then
    new.version := old.version + 1;
  end if;
  if tg_op = 'DELETE' then
    perform pg_notify('dispatch_tenants', old.tenant_group || ':' || old.tenant_key);
    return old;
  end if;
  perform pg_notify('dispatch_tenants', new.tenant_group || ':' || new.tenant_key);
  return new;
end;
$$ language plpgsql^;

drop trigger if exists dispatch_tenants_changed on dispatch_tenants^;

create trigger dispatch_tenants_changed before insert or update or delete on dispatch_tenants
  for each row execute function dispatch_tenants_changed()^;

-- The table of tenants of dispatch.{path,subdomain}.directory=jdbc. Statements end with ^;
create table if not exists dispatch_tenants (
  tenant_group varchar(16)   not null,
  tenant_key   varchar(63)   not null,
  properties   clob,
  profiles     varchar(1000),
  sources      varchar(1000),
  enabled      boolean       default true not null,
  version      bigint        default 0 not null,
  primary key (tenant_group, tenant_key)
)^;

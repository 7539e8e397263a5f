-- The tenant tree. A jurisdiction is its own tenant: tenant_code = code, tenant_path = its path.
create sequence jurisdiction_revision;
grant usage on sequence jurisdiction_revision to $app_role$;

create table jurisdiction (
    code text primary key check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
    name text not null check (length(name) between 1 and 100),
    kind text not null check (kind in ('province', 'city', 'county', 'district', 'bureau', 'development_zone', 'township', 'street')),
    parent_code text references jurisdiction (code),
    tenant_code text not null generated always as (code) stored,
    tenant_path ltree not null unique,
    status text not null default 'active' check (status in ('active', 'suspended')),
    division_code text check (division_code ~ '^[0-9]{6}$'),
    duty_phone text,
    revision bigint not null default nextval('jurisdiction_revision'),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((parent_code is null) = (nlevel(tenant_path) = 1))
);
create index jurisdiction_path on jurisdiction using gist (tenant_path);
grant select, insert, update on jurisdiction to $app_role$;

-- A caller sees its own jurisdiction, everything below it and the chain above it (its parent
-- commands); a platform administrator sees the whole tree. Unset settings see nothing.
alter table jurisdiction enable row level security;
alter table jurisdiction force row level security;
create policy jurisdiction_visible on jurisdiction
    using (
        tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree
        or tenant_path @> nullif(current_setting('fenghuo.tenant_path', true), '')::ltree
        or current_setting('fenghuo.platform_admin', true) = 'on')
    with check (
        tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree
        or current_setting('fenghuo.platform_admin', true) = 'on');

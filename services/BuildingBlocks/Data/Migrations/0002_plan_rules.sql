-- This service's copy of every published plan version's rules, kept from PlanPublished, so a
-- record keeps the rules of the version in force when it was made. Versions never change.
create table plan_rules (
    tenant_code text not null,
    tenant_path ltree not null,
    version int not null,
    effective_from date not null,
    title text not null,
    document_number text,
    rules jsonb not null,
    received_at timestamptz not null default now(),
    primary key (tenant_code, version)
);
create index plan_rules_path on plan_rules using gist (tenant_path);
-- tenant_path alone may change: it follows the jurisdiction when it moves under another parent.
grant select, insert on plan_rules to $app_role$;
grant update (tenant_path) on plan_rules to $app_role$;

-- The convention for every tenant table: a tenant sees its own rows by code (so they stay its
-- own when it moves) and its descendants' rows by path; an unset tenant sees nothing.
alter table plan_rules enable row level security;
alter table plan_rules force row level security;
create policy plan_rules_visible on plan_rules
    using (
        tenant_code = nullif(current_setting('fenghuo.tenant_code', true), '')
        or tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree)
    with check (
        tenant_path <@ nullif(current_setting('fenghuo.tenant_path', true), '')::ltree);
